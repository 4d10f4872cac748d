package io.paddock.platform.security;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ConstantTimeTest {

    @Test
    void equalOnlyForTwoPresentEqualStrings() {
        assertTrue(ConstantTime.equal("a1b2", "a1b2"));
        assertFalse(ConstantTime.equal("a1b2", "a1b3"));
        assertFalse(ConstantTime.equal("a1b2", "a1b2c"));
        assertFalse(ConstantTime.equal("a1b2", "A1B2"));
        assertFalse(ConstantTime.equal(null, "a1b2"));
        assertFalse(ConstantTime.equal("a1b2", null));
        assertFalse(ConstantTime.equal(null, null));
    }
}
