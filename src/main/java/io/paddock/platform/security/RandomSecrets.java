package io.paddock.platform.security;

import java.security.SecureRandom;
import java.util.Base64;

/** Unguessable values from one {@link SecureRandom}: tokens, keys and short codes. */
public final class RandomSecrets {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();
    // No 0/o, 1/l: codes are read and typed by people.
    private static final String CODE_ALPHABET = "abcdefghijkmnopqrstuvwxyz23456789";

    private RandomSecrets() {
    }

    public static byte[] bytes(int length) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    /** 32 random bytes, base64url without padding (43 characters). */
    public static String token() {
        return URL.encodeToString(bytes(32));
    }

    /** Short, unambiguous lower-case characters, for visible prefixes and codes. */
    public static String code(int length) {
        StringBuilder code = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            code.append(CODE_ALPHABET.charAt(RANDOM.nextInt(CODE_ALPHABET.length())));
        }
        return code.toString();
    }
}
