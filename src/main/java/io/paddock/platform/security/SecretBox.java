package io.paddock.platform.security;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals secrets that must be read back (so cannot be stored as a hash) with AES-256-GCM under one
 * 32-byte key, such as a {@link ServerKeys} key. Sealed form: base64(12-byte random nonce || ciphertext ||
 * 16-byte tag); a changed key or altered data fails to open rather than yielding garbage.
 */
public final class SecretBox {

    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;

    public SecretBox(byte[] key) {
        if (key.length != 32) {
            throw new IllegalArgumentException("A secret box needs a 32-byte key");
        }
        this.key = new SecretKeySpec(key, "AES");
    }

    public String seal(String secret) {
        try {
            byte[] nonce = RandomSecrets.bytes(NONCE_BYTES);
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce)
                    .put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is available on every Java runtime", e);
        }
    }

    /** The secret's UTF-8 bytes; {@link SealedSecretException} when this key did not seal it or it was altered. */
    public byte[] open(String sealed) {
        try {
            byte[] bytes = Base64.getDecoder().decode(sealed);
            if (bytes.length < NONCE_BYTES) {
                throw new SealedSecretException("A sealed secret is too short to hold its nonce", null);
            }
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 0, NONCE_BYTES));
            return cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new SealedSecretException("A sealed secret could not be opened with this key", e);
        }
    }

    /** A sealed secret that cannot be opened: another key sealed it, or it was altered. */
    public static class SealedSecretException extends IllegalStateException {

        private static final long serialVersionUID = 1L;

        SealedSecretException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
