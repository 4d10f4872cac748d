package io.paddock.transfers.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class BtEngineTest {

    @Test
    void theStallLimitDoublesWithEachRestartUpToTenMinutes() {
        assertEquals(Duration.ofSeconds(15), BtEngine.stallLimit(0));
        assertEquals(Duration.ofSeconds(30), BtEngine.stallLimit(1));
        assertEquals(Duration.ofSeconds(480), BtEngine.stallLimit(5));
        assertEquals(Duration.ofMinutes(10), BtEngine.stallLimit(6));
        assertEquals(Duration.ofMinutes(10), BtEngine.stallLimit(1000));
    }
}
