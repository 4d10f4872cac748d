package io.paddock.platform.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

/**
 * SHA-256 digests. {@link #tokenHash} is the one form in which Paddock stores a random secret (session,
 * refresh, one-time and racing tokens, API key secrets, CSRF tokens): a plain SHA-256 suits 256-bit random
 * values; guessable passwords take a slow hash instead.
 */
public final class Digests {

    private static final HexFormat HEX = HexFormat.of();

    private Digests() {
    }

    public static byte[] sha256(byte[] input) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(input);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }

    /** Lower-case hex SHA-256 of the text's UTF-8 bytes. */
    public static String sha256Hex(String text) {
        return HEX.formatHex(sha256(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** Base64url (no padding) SHA-256 of the text's UTF-8 bytes, e.g. a PKCE S256 challenge. */
    public static String sha256Base64Url(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(sha256(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** What a table keeps of a secret token: lower-case hex SHA-256 of its UTF-8 bytes (64 characters). */
    public static String tokenHash(String token) {
        return sha256Hex(token);
    }

    /** Whether {@code token} is the secret behind {@code storedHash}, compared in constant time. */
    public static boolean matchesHash(String storedHash, String token) {
        return storedHash != null && token != null && ConstantTime.equal(storedHash, tokenHash(token));
    }
}
