package io.paddock.identity.entity;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * One link of a rotating refresh-token chain. Each use consumes the token and issues the next one
 * in the same family; presenting a consumed token means it leaked, so the family is revoked.
 */
@Entity
@Table(name = "refresh_tokens")
@NamedQuery(name = RefreshToken.BY_HASH, query = "SELECT t FROM RefreshToken t JOIN FETCH t.user WHERE t.tokenHash = :hash")
@NamedQuery(name = RefreshToken.REVOKE_FAMILY, query = "UPDATE RefreshToken t SET t.revokedAt = :now "
        + "WHERE t.familyId = :familyId AND t.revokedAt IS NULL")
@NamedQuery(name = RefreshToken.REVOKE_ALL_OF_USER, query = "UPDATE RefreshToken t SET t.revokedAt = :now "
        + "WHERE t.user.id = :userId AND t.revokedAt IS NULL")
@NamedQuery(name = RefreshToken.CONSUME, query = "UPDATE RefreshToken t SET t.usedAt = :now "
        + "WHERE t.id = :id AND t.usedAt IS NULL AND t.revokedAt IS NULL")
@NamedQuery(name = RefreshToken.DELETE_EXPIRED, query = "DELETE FROM RefreshToken t WHERE t.expiresAt < :before")
public class RefreshToken {

    public static final String BY_HASH = "RefreshToken.byHash";
    public static final String REVOKE_FAMILY = "RefreshToken.revokeFamily";
    public static final String REVOKE_ALL_OF_USER = "RefreshToken.revokeAllOfUser";
    public static final String DELETE_EXPIRED = "RefreshToken.deleteExpired";
    public static final String CONSUME = "RefreshToken.consume";

    @Id
    private UUID id;
    @ManyToOne(optional = false)
    @JoinColumn(name = "user_id")
    private User user;
    private UUID familyId;
    private String tokenHash;
    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    private AuthMethod authMethod;
    private Instant createdAt;
    private Instant expiresAt;
    private Instant usedAt;
    private Instant revokedAt;

    protected RefreshToken() {
    }

    public RefreshToken(User user, UUID familyId, String tokenHash, AuthMethod authMethod, Instant now,
            Instant expiresAt) {
        this.id = UUID.randomUUID();
        this.user = Objects.requireNonNull(user);
        this.familyId = Objects.requireNonNull(familyId);
        this.tokenHash = Objects.requireNonNull(tokenHash);
        this.authMethod = Objects.requireNonNull(authMethod);
        this.createdAt = now;
        this.expiresAt = expiresAt;
    }

    public boolean consumed() {
        return usedAt != null;
    }

    public boolean usableAt(Instant now) {
        return usedAt == null && revokedAt == null && now.isBefore(expiresAt);
    }

    public UUID id() {
        return id;
    }

    public User user() {
        return user;
    }

    public UUID familyId() {
        return familyId;
    }

    public AuthMethod authMethod() {
        return authMethod;
    }
}
