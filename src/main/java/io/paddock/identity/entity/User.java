package io.paddock.identity.entity;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.EntityListeners;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import io.paddock.platform.persistence.ChangeTracking;

/** One person, however they sign in. Linked provider identities hang off it. */
@Entity
@EntityListeners(ChangeTracking.class)
@Table(name = "users")
@NamedQuery(name = User.BY_EMAIL, query = "SELECT u FROM User u WHERE u.email = :email")
@NamedQuery(name = User.BY_ROLE, query = "SELECT u FROM User u WHERE u.role = :role")
@NamedQuery(name = User.SUSPENDED_IDS, query = "SELECT u.id FROM User u WHERE u.suspendedAt IS NOT NULL")
// Outside @Version: requests of one user mark it seen at once, and none of them may fail for it.
@NamedQuery(name = User.MARK_SEEN, query = "UPDATE User u SET u.lastActiveAt = :now WHERE u.id = :id "
        + "AND u.lastActiveAt < :now")
public class User {

    public static final String BY_EMAIL = "User.byEmail";
    public static final String BY_ROLE = "User.byRole";
    public static final String MARK_SEEN = "User.markSeen";
    public static final String SUSPENDED_IDS = "User.suspendedIds";

    @Id
    private UUID id;
    private String displayName;
    private String avatarUrl;
    private String email;
    private Instant emailVerifiedAt;
    private String passwordHash;
    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    private Role role;
    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    private MemberState memberState;
    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    private AuthMethod authMethod;
    private Instant policyAcceptedAt;
    private Instant createdAt;
    private Instant lastActiveAt;
    private Instant suspendedAt;
    @Version
    private long version;

    protected User() {
    }

    public User(String displayName, Instant now) {
        this.id = UUID.randomUUID();
        this.displayName = requireName(displayName);
        this.role = Role.USER;
        this.memberState = MemberState.PENDING;
        this.createdAt = Objects.requireNonNull(now);
        this.lastActiveAt = now;
    }

    /** An email/password account: unverified until the mailed link is followed. */
    public static User withEmail(String displayName, String email, String passwordHash, Instant policyAcceptedAt,
            Instant now) {
        User user = new User(displayName, now);
        user.email = normalizeEmail(email);
        user.passwordHash = Objects.requireNonNull(passwordHash, "A password hash is required.");
        user.policyAcceptedAt = Objects.requireNonNull(policyAcceptedAt, "Accepting the usage policy is required.");
        return user;
    }

    public static String normalizeEmail(String email) {
        return email == null ? null : email.trim().toLowerCase(Locale.ROOT);
    }

    private static String requireName(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("A display name is required.");
        }
        String trimmed = name.strip();
        return trimmed.length() > 100 ? trimmed.substring(0, 100) : trimmed;
    }

    public void signedIn(AuthMethod method, Instant now) {
        this.authMethod = Objects.requireNonNull(method);
        this.lastActiveAt = now;
    }

    public void updateProfile(String displayName, String avatarUrl) {
        this.displayName = requireName(displayName);
        if (avatarUrl != null) {
            this.avatarUrl = avatarUrl;
        }
    }

    public void verifyEmail(Instant now) {
        if (emailVerifiedAt == null) {
            emailVerifiedAt = now;
        }
    }

    /**
     * Gives an account made by a provider an email address and a password, unverified until the mailed link is
     * followed; an account that has an address keeps it.
     */
    public void addEmail(String newEmail, String newPasswordHash, Instant policyAcceptedAt) {
        if (email != null) {
            throw new IllegalStateException("The account already has an email address.");
        }
        this.email = normalizeEmail(Objects.requireNonNull(newEmail, "An email address is required."));
        this.passwordHash = Objects.requireNonNull(newPasswordHash, "A password hash is required.");
        this.emailVerifiedAt = null;
        if (this.policyAcceptedAt == null) {
            this.policyAcceptedAt = Objects.requireNonNull(policyAcceptedAt);
        }
    }

    /** Drops the email address and password: the account then signs in through its providers only. */
    public void removeEmail() {
        this.email = null;
        this.emailVerifiedAt = null;
        this.passwordHash = null;
    }

    /** Whether email and password can sign this account in: an address, confirmed, and a password. */
    public boolean signsInWithEmail() {
        return email != null && emailVerifiedAt != null && passwordHash != null;
    }

    public void changePasswordHash(String newHash) {
        this.passwordHash = Objects.requireNonNull(newHash);
    }

    public void grant(Role newRole) {
        this.role = Objects.requireNonNull(newRole);
    }

    public void verifyMembership() {
        this.memberState = MemberState.VERIFIED;
    }

    /** Back to pending, by a staff decision (the verification rule may verify the member again later). */
    public void revokeMembership() {
        this.memberState = MemberState.PENDING;
    }

    /** Suspends the account: none of its credentials is accepted and it cannot sign in until restored. */
    public void suspend(Instant now) {
        if (suspendedAt != null) {
            throw new IllegalStateException("The account is already suspended.");
        }
        this.suspendedAt = Objects.requireNonNull(now);
    }

    /** Lifts a suspension: the account's sessions, keys and tokens that have not expired work again. */
    public void restore() {
        if (suspendedAt == null) {
            throw new IllegalStateException("The account is not suspended.");
        }
        this.suspendedAt = null;
    }

    public boolean suspended() {
        return suspendedAt != null;
    }

    public Instant suspendedAt() {
        return suspendedAt;
    }

    public UUID id() {
        return id;
    }

    public String displayName() {
        return displayName;
    }

    public String avatarUrl() {
        return avatarUrl;
    }

    public String email() {
        return email;
    }

    public boolean emailVerified() {
        return emailVerifiedAt != null;
    }

    public Instant emailVerifiedAt() {
        return emailVerifiedAt;
    }

    public String passwordHash() {
        return passwordHash;
    }

    public boolean hasPassword() {
        return passwordHash != null;
    }

    public Role role() {
        return role;
    }

    public MemberState memberState() {
        return memberState;
    }

    public AuthMethod authMethod() {
        return authMethod;
    }

    public Instant policyAcceptedAt() {
        return policyAcceptedAt;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant lastActiveAt() {
        return lastActiveAt;
    }

    public long version() {
        return version;
    }
}
