package io.paddock.identity.entity;

import java.time.Instant;
import java.util.Objects;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/** A generated RS256 key pair (as a private JWK) used when configuration provides none. */
@Entity
@Table(name = "signing_keys")
@NamedQuery(name = SigningKey.CURRENT, query = "SELECT k FROM SigningKey k WHERE k.retiredAt IS NULL ORDER BY k.createdAt DESC")
public class SigningKey {

    public static final String CURRENT = "SigningKey.current";

    @Id
    private String kid;
    private String privateJwk;
    private Instant createdAt;
    private Instant retiredAt;

    protected SigningKey() {
    }

    public SigningKey(String kid, String privateJwk, Instant now) {
        this.kid = Objects.requireNonNull(kid);
        this.privateJwk = Objects.requireNonNull(privateJwk);
        this.createdAt = now;
    }

    public String kid() {
        return kid;
    }

    public String privateJwk() {
        return privateJwk;
    }
}
