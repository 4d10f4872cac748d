package io.paddock.transfers.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.paddock.platform.errors.PaddockException;

class TorrentMetadataTest {

    @Test
    void safeElementsPass() {
        for (String ok : List.of("a.txt", "Folder name", "..hidden", "a..b", "émoji ✓")) {
            TorrentMetadata.checkElement(ok);
        }
    }

    @Test
    void elementsThatLeaveTheFolderOrWouldBeRewrittenAreRefused() {
        for (String bad : List.of("", ".", "..", "a/b", "a\\b", "C:", "c:evil", " lead", "trail ", "dot.", "nul\0",
                "x".repeat(256))) {
            PaddockException e = assertThrows(PaddockException.class, () -> TorrentMetadata.checkElement(bad), bad);
            assertEquals("unsafe-torrent-path", e.slug(), bad);
        }
    }

    @Test
    void notBencodeIsAnInvalidTorrent() {
        PaddockException e = assertThrows(PaddockException.class, () -> TorrentMetadata.parse("hello".getBytes()));
        assertEquals("invalid-torrent", e.slug());
        e = assertThrows(PaddockException.class, () -> TorrentMetadata.parse("d4:infoi1ee".getBytes()));
        assertEquals("invalid-torrent", e.slug());
    }
}
