package io.paddock.transfers.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

import io.paddock.platform.json.Json;
import io.paddock.transfers.entity.Provider;

class SeedrClientTest {

    @Test
    void aListingIsReadLenientlyAsPublicClientsSeeIt() throws Exception {
        SeedrClient.Listing root = SeedrClient.listing(Json.mapper().readTree("""
                {"folder_id": 0, "fullname": "", "space_max": 5368709120,
                 "torrents": [{"id": 17, "name": "pack", "hash": "ABCDEF", "progress": "42.5", "size": 1000,
                               "download_rate": 2048, "seeders": 3, "leechers": 1},
                              {"id": 18, "name": "other", "torrent_hash": "0123", "progress": 7}],
                 "folders": [{"id": 55, "name": "done", "size": "12"}],
                 "files": [{"folder_file_id": 99, "name": "a.bin", "size": 5}, {"id": 100, "name": "b.bin"}]}
                """));
        assertEquals(2, root.transfers().size());
        SeedrClient.Transfer first = root.transfers().get(0);
        assertEquals(17, first.id());
        assertEquals(42.5, first.progress());
        assertEquals(2048, first.downloadRate());
        assertEquals(4, first.peers());
        assertEquals("0123", root.transfers().get(1).hash());
        assertEquals(7.0, root.transfers().get(1).progress());
        assertEquals(new SeedrClient.Item(55, "done", 12), root.folders().get(0));
        assertEquals(99, root.files().get(0).id());
        assertEquals(100, root.files().get(1).id());
        assertEquals(0, root.files().get(1).size());
    }

    @Test
    void providersHaveLowerCaseWireNames() {
        assertEquals("seedr", Provider.SEEDR.wire());
        assertEquals(Provider.BUILTIN, Provider.ofWire(" BuiltIn "));
        assertNull(Provider.ofWire("qbittorrent"));
        assertNull(Provider.ofWire(null));
    }
}
