package io.paddock.platform.web;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Only the container's URL-decoding failures are shortened; every other record is left alone. */
class ContainerUrlFailuresTest {

    @Test
    void recognisesTheDecoderRefusingAPath() {
        assertTrue(ContainerUrlFailures.isUrlDecoding(thrownBy(new IllegalArgumentException(
                "URLDecoder: Illegal hex characters in escape (%) pattern - %ZZ"), ContainerUrlFailures.DECODER)));
        assertTrue(ContainerUrlFailures.isUrlDecoding(thrownBy(new IllegalStateException("Unexpected termination"),
                ContainerUrlFailures.DECODER)));
    }

    @Test
    void leavesOtherFailuresAlone() {
        assertFalse(ContainerUrlFailures.isUrlDecoding(null));
        assertFalse(ContainerUrlFailures.isUrlDecoding(thrownBy(new IllegalArgumentException("bug"),
                "io.paddock.racing.control.Races")));
        assertFalse(ContainerUrlFailures.isUrlDecoding(thrownBy(new NullPointerException(),
                ContainerUrlFailures.DECODER)));
    }

    private static RuntimeException thrownBy(RuntimeException e, String className) {
        e.setStackTrace(new StackTraceElement[] {new StackTraceElement(className, "decode", "X.java", 1)});
        return e;
    }
}
