package io.paddock.transfers.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import bt.metainfo.MetadataService;
import bt.metainfo.Torrent;
import io.paddock.platform.config.PublicUrl;

class TorrentSeederTest {

    TorrentSeeder cut(String address, String publicAddress) {
        TorrentSeeder seeder = new TorrentSeeder();
        seeder.address = address;
        seeder.port = 6891;
        seeder.publicAddress = Optional.ofNullable(publicAddress);
        seeder.publicUrl = PublicUrl.of("https://paddock.example.com");
        return seeder;
    }

    @Test
    void piecesAreAtLeast256KiBAndAboutAThousandPerTorrent() {
        assertEquals(1 << 18, TorrentSeeder.pieceSize(10));
        assertEquals(1 << 18, TorrentSeeder.pieceSize(200L << 20));
        assertEquals(1 << 20, TorrentSeeder.pieceSize(1L << 30));
        assertEquals(1 << 24, TorrentSeeder.pieceSize(1L << 40));
    }

    @Test
    void theMagnetNamesTheEnginesPublicAddress() {
        assertEquals("magnet:?xt=urn:btih:" + "ab".repeat(20) + "&dn=seed_1&x.pe=paddock.example.com:6891",
                cut("0.0.0.0", null).magnet("ab".repeat(20), "seed_1"));
        assertEquals("127.0.0.1:6891", cut("127.0.0.1", null).peerAddress());
        assertEquals("peers.example.com:6891", cut("0.0.0.0", "peers.example.com").peerAddress());
        assertEquals("203.0.113.7:51413", cut("0.0.0.0", "203.0.113.7:51413").peerAddress());
    }

    @Test
    void aFolderBecomesAMultiFileTorrentNamedAfterItAndOneFileASingleFileTorrent(@TempDir Path dir) throws Exception {
        Path seed = Files.createDirectories(dir.resolve("seed_7/mod"));
        Path graph = Files.writeString(dir.resolve("seed_7/graph.json"), "{}");
        Path mod = Files.write(seed.resolve("regulation.bin"), new byte[300_000]);
        TorrentSeeder.Made made = cut("0.0.0.0", null).make(dir.resolve("seed_7"), List.of(graph, mod));
        Torrent torrent = new MetadataService().fromByteArray(made.metainfo());
        assertEquals("seed_7", made.name());
        assertEquals(torrent.getTorrentId().toString().toLowerCase(java.util.Locale.ROOT), made.infoHash());
        assertEquals(List.of(List.of("graph.json"), List.of("mod", "regulation.bin")),
                torrent.getFiles().stream().map(f -> f.getPathElements()).toList());
        assertEquals(dir.toAbsolutePath().normalize(), made.storageRoot());

        TorrentSeeder.Made single = cut("0.0.0.0", null).make(dir, List.of(mod));
        assertEquals("regulation.bin", single.name());
        assertEquals(seed.toAbsolutePath().normalize(), single.storageRoot());
    }
}
