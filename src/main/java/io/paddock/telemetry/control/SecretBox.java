package io.paddock.telemetry.control;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.paddock.platform.security.ServerKeys;

/**
 * Encrypts installation secrets at rest with AES-256-GCM. Verifying a plugin's HMAC needs the secret
 * itself, so it cannot be stored as a one-way hash; a database dump alone does not reveal it. The key
 * comes from {@code paddock.telemetry.secret-key} (base64 of 32 bytes) or, when unset, is generated on
 * first start and kept by {@link ServerKeys} as {@code telemetry.secret-box} (then the dump does hold
 * the key: set it in production).
 * Stored form: base64(12-byte nonce || ciphertext || 16-byte tag).
 */
@Startup
@Singleton
@DependsOn("ServerKeys")
@Lock(LockType.READ)
public class SecretBox {

    private static final SecureRandom RANDOM = new SecureRandom();

    static final String CONFIG_KEY = "paddock.telemetry.secret-key";
    static final String KEY_NAME = "telemetry.secret-box";

    @Inject
    ServerKeys serverKeys;

    @Inject
    @ConfigProperty(name = CONFIG_KEY)
    Optional<String> configuredKey;

    private SecretKeySpec key;

    @PostConstruct
    void load() {
        key = new SecretKeySpec(serverKeys.key(KEY_NAME, CONFIG_KEY, configuredKey), "AES");
    }

    public String seal(String secret) {
        try {
            byte[] nonce = new byte[12];
            RANDOM.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
            byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(ByteBuffer.allocate(12 + sealed.length).put(nonce).put(sealed)
                    .array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is available on every Java runtime", e);
        }
    }

    public byte[] open(String sealed) {
        try {
            byte[] bytes = Base64.getDecoder().decode(sealed);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, bytes, 0, 12));
            return cipher.doFinal(bytes, 12, bytes.length - 12);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("An installation secret could not be decrypted: was "
                    + "paddock.telemetry.secret-key changed?", e);
        }
    }
}
