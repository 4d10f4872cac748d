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
import jakarta.persistence.Version;

/** A provider account (Discord, Twitch, email) linked to one Paddock user. */
@Entity
@Table(name = "linked_identities")
@NamedQuery(name = LinkedIdentity.BY_PROVIDER_ID, query = "SELECT i FROM LinkedIdentity i JOIN FETCH i.user "
        + "WHERE i.provider = :provider AND i.providerUserId = :providerUserId")
@NamedQuery(name = LinkedIdentity.OF_USER, query = "SELECT i FROM LinkedIdentity i WHERE i.user.id = :userId "
        + "ORDER BY i.linkedAt")
@NamedQuery(name = LinkedIdentity.BY_USERNAME, query = "SELECT i FROM LinkedIdentity i JOIN FETCH i.user "
        + "WHERE i.provider = :provider AND LOWER(i.username) = :username")
public class LinkedIdentity {

    public static final String BY_PROVIDER_ID = "LinkedIdentity.byProviderId";
    public static final String OF_USER = "LinkedIdentity.ofUser";
    public static final String BY_USERNAME = "LinkedIdentity.byUsername";

    @Id
    private UUID id;
    @ManyToOne(optional = false)
    @JoinColumn(name = "user_id")
    private User user;
    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    private Provider provider;
    private String providerUserId;
    private String username;
    private String displayName;
    private String avatarUrl;
    private Instant linkedAt;
    private Instant updatedAt;
    @Version
    private long version;

    protected LinkedIdentity() {
    }

    public LinkedIdentity(User user, Provider provider, String providerUserId, Instant now) {
        this.id = UUID.randomUUID();
        this.user = Objects.requireNonNull(user);
        this.provider = Objects.requireNonNull(provider);
        if (providerUserId == null || providerUserId.isBlank()) {
            throw new IllegalArgumentException("A provider user id is required.");
        }
        this.providerUserId = providerUserId;
        this.linkedAt = now;
        this.updatedAt = now;
    }

    /** Refreshes what the provider told us at the latest sign-in. */
    public void refresh(String username, String displayName, String avatarUrl, Instant now) {
        this.username = username;
        this.displayName = displayName;
        this.avatarUrl = avatarUrl;
        this.updatedAt = now;
    }

    public UUID id() {
        return id;
    }

    public User user() {
        return user;
    }

    public Provider provider() {
        return provider;
    }

    public String providerUserId() {
        return providerUserId;
    }

    public String username() {
        return username;
    }

    public String displayName() {
        return displayName;
    }

    public String avatarUrl() {
        return avatarUrl;
    }

    public Instant linkedAt() {
        return linkedAt;
    }
}
