package io.paddock.platform.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** Comparison of secrets, digests and signatures that takes no shortcut on the first differing byte. */
public final class ConstantTime {

    private ConstantTime() {
    }

    /** Whether both strings are present and equal, compared over their UTF-8 bytes with {@link MessageDigest#isEqual}. */
    public static boolean equal(String expected, String actual) {
        if (expected == null || actual == null) {
            return false;
        }
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), actual.getBytes(StandardCharsets.UTF_8));
    }
}
