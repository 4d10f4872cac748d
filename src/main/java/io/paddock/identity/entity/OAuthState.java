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
 * An authorization request sent to Discord or Twitch: the {@code state} (hashed) binds the callback
 * to it, the PKCE verifier proves the code is ours, and it can be used once within its lifetime.
 */
@Entity
@Table(name = "oauth_states")
@NamedQuery(name = OAuthState.BY_HASH, query = "SELECT s FROM OAuthState s WHERE s.stateHash = :hash")
@NamedQuery(name = OAuthState.DELETE_EXPIRED, query = "DELETE FROM OAuthState s WHERE s.expiresAt < :before")
public class OAuthState {

    public static final String BY_HASH = "OAuthState.byHash";
    public static final String DELETE_EXPIRED = "OAuthState.deleteExpired";

    @Id
    private UUID id;
    private String stateHash;
    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    private Provider provider;
    private String codeVerifier;
    // A relationship, not a plain UUID: EclipseLink 4.0.7's UUIDConverter fails on a NULL uuid column.
    @ManyToOne
    @JoinColumn(name = "link_user_id")
    private User linkUser;
    private String returnTo;
    private Instant createdAt;
    private Instant expiresAt;
    private Instant usedAt;

    protected OAuthState() {
    }

    public OAuthState(String stateHash, Provider provider, String codeVerifier, User linkUser, String returnTo,
            Instant now, Instant expiresAt) {
        this.id = UUID.randomUUID();
        this.stateHash = Objects.requireNonNull(stateHash);
        this.provider = Objects.requireNonNull(provider);
        this.codeVerifier = Objects.requireNonNull(codeVerifier);
        this.linkUser = linkUser;
        this.returnTo = returnTo;
        this.createdAt = now;
        this.expiresAt = expiresAt;
    }

    public boolean usableAt(Instant now) {
        return usedAt == null && now.isBefore(expiresAt);
    }

    public void use(Instant now) {
        usedAt = now;
    }

    public Provider provider() {
        return provider;
    }

    public String codeVerifier() {
        return codeVerifier;
    }

    /** The signed-in user who asked to link this provider, or null for a sign-in. */
    public UUID linkUserId() {
        return linkUser == null ? null : linkUser.id();
    }

    public String returnTo() {
        return returnTo;
    }
}
