package io.paddock.platform.ids;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;


class IdsTest {

    @Test
    void randomIdsAreVersion4WithTheIetfVariantAndDistinct() {
        Set<UUID> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            UUID id = Ids.random();
            assertEquals(4, id.version());
            assertEquals(2, id.variant());
            seen.add(id);
        }
        assertEquals(10_000, seen.size());
        assertNotEquals(Ids.random(), Ids.random());
    }
}
