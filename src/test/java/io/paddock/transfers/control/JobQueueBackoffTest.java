package io.paddock.transfers.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class JobQueueBackoffTest {

    @Test
    void theWaitDoublesFromFifteenSecondsAndStopsAtTenMinutes() {
        Duration base = Duration.ofSeconds(15);
        Duration max = Duration.ofMinutes(10);
        long[] expected = {15, 30, 60, 120, 240, 480, 600, 600};
        for (int failures = 1; failures <= expected.length; failures++) {
            assertEquals(Duration.ofSeconds(expected[failures - 1]), JobQueue.backoff(base, max, failures),
                    "after failure " + failures);
        }
        assertEquals(max, JobQueue.backoff(base, max, 1000));
    }
}
