package io.paddock.identity.control;

import java.text.ParseException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;

import io.paddock.identity.entity.SigningKey;

/**
 * The RS256 key that signs Paddock's access tokens: from {@code paddock.jwt.private-key} (a PEM
 * private key or an RSA JWK) when set, otherwise generated on first start and kept in
 * {@code signing_keys} so every node and every restart signs and verifies with the same key.
 */
@Startup
@Singleton
@DependsOn("DatabaseMigrator")
@Lock(LockType.READ)
public class SigningKeys {

    private static final Logger LOG = Logger.getLogger(SigningKeys.class.getName());

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "paddock.jwt.private-key")
    Optional<String> configuredKey;

    private RSAKey current;
    private JWKSet verificationKeys;

    @PostConstruct
    void load() {
        try {
            if (configuredKey.isPresent() && !configuredKey.get().isBlank()) {
                current = fromConfiguration(configuredKey.get().trim());
                verificationKeys = new JWKSet(current);
                LOG.info(() -> "Signing access tokens with the configured key " + current.getKeyID());
                return;
            }
            // Nodes starting together must not each generate a key of their own (tokens signed on one
            // would fail on the other): the first takes this lock, the others then read its key.
            em.createNativeQuery("SELECT pg_advisory_xact_lock(hashtext('paddock.signing_keys'))").getSingleResult();
            List<SigningKey> stored = em.createNamedQuery(SigningKey.CURRENT, SigningKey.class).getResultList();
            if (stored.isEmpty()) {
                RSAKey generated = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString())
                        .keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256).generate();
                em.persist(new SigningKey(generated.getKeyID(), generated.toJSONString(), clock.instant()));
                stored = List.of(new SigningKey(generated.getKeyID(), generated.toJSONString(), clock.instant()));
                LOG.info(() -> "Generated the access-token signing key " + generated.getKeyID());
            }
            current = RSAKey.parse(stored.get(0).privateJwk());
            verificationKeys = new JWKSet(stored.stream().map(key -> {
                try {
                    return (JWK) RSAKey.parse(key.privateJwk());
                } catch (ParseException e) {
                    throw new IllegalStateException("Unreadable signing key " + key.kid(), e);
                }
            }).toList());
        } catch (JOSEException | ParseException e) {
            throw new IllegalStateException("Cannot load the access-token signing key: " + e.getMessage(), e);
        }
    }

    private static RSAKey fromConfiguration(String value) throws JOSEException, ParseException {
        JWK jwk = value.startsWith("{") ? JWK.parse(value) : JWK.parseFromPEMEncodedObjects(value);
        RSAKey rsa = jwk.toRSAKey();
        if (!rsa.isPrivate()) {
            throw new IllegalStateException("paddock.jwt.private-key must hold a private RSA key");
        }
        String kid = rsa.getKeyID() != null ? rsa.getKeyID() : rsa.computeThumbprint().toString();
        return new RSAKey.Builder(rsa).keyID(kid).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256).build();
    }

    public RSAKey current() {
        return current;
    }

    /** Every key a token may have been signed with, private parts included (never publish this). */
    public JWKSet verificationKeys() {
        return verificationKeys;
    }

    /** What {@code /.well-known/jwks.json} publishes. */
    public JWKSet publicKeys() {
        return verificationKeys.toPublicJWKSet();
    }
}
