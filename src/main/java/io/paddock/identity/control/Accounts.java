package io.paddock.identity.control;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import io.paddock.identity.entity.AuthMethod;
import io.paddock.identity.entity.LinkedIdentity;
import io.paddock.identity.entity.MemberState;
import io.paddock.identity.entity.Provider;
import io.paddock.identity.entity.User;
import io.paddock.platform.errors.ConflictException;
import io.paddock.platform.errors.ResourceNotFoundException;

/**
 * Accounts and their linked identities: the one place that decides which Paddock user a provider
 * account belongs to. Other modules look users up here and get {@link UserRef} values back; {@link #find}
 * hands out the {@link User} entity only as the target of their JPA associations.
 */
@Stateless
public class Accounts {

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    /** What a provider says about the signed-in account. */
    public record ProviderProfile(Provider provider, String providerUserId, String username, String displayName,
            String avatarUrl) {
    }

    /**
     * The user entity, for identity's own work and as the target of other modules' JPA associations
     * (a race's organizer, a participant); 404 problem when there is none.
     */
    public User find(UUID userId) {
        User user = em.find(User.class, userId);
        if (user == null) {
            throw new ResourceNotFoundException("user-not-found", "User not found", "No user " + userId + " exists.");
        }
        return user;
    }

    public Optional<User> byEmail(String email) {
        return em.createNamedQuery(User.BY_EMAIL, User.class).setParameter("email", User.normalizeEmail(email))
                .getResultStream().findFirst();
    }

    /** The user with this id, as other modules see one; 404 problem when there is none. */
    public UserRef ref(UUID userId) {
        return UserRef.of(find(userId));
    }

    /** A user's Twitch account: the user, the login name (lower case) and the display name Twitch gave. */
    public record TwitchAccount(UserRef user, String login, String displayName) {
    }

    /** The user whose linked Twitch account has this login name (case-insensitive). */
    public Optional<TwitchAccount> byTwitchLogin(String login) {
        return byProviderUsername(Provider.TWITCH, login)
                .map(i -> new TwitchAccount(UserRef.of(i.user()), i.username(), i.displayName()));
    }

    /** The login name of the user's linked Twitch account, if one is linked. */
    public Optional<String> twitchLogin(UUID userId) {
        return identities(userId).stream().filter(i -> i.provider() == Provider.TWITCH).map(LinkedIdentity::username)
                .findFirst();
    }

    /** Whether the user has linked a Discord account. */
    public boolean hasDiscord(UUID userId) {
        return identities(userId).stream().anyMatch(i -> i.provider() == Provider.DISCORD);
    }

    /**
     * The Paddock users whose linked Discord accounts have these Discord user ids (ids without a linked
     * account are left out), for showing who is in a voice room.
     */
    public java.util.Map<String, UserRef> byDiscordIds(java.util.Collection<String> discordUserIds) {
        java.util.Map<String, UserRef> found = new java.util.HashMap<>();
        for (String id : new java.util.LinkedHashSet<>(discordUserIds)) {
            em.createNamedQuery(LinkedIdentity.BY_PROVIDER_ID, LinkedIdentity.class)
                    .setParameter("provider", Provider.DISCORD).setParameter("providerUserId", id).getResultStream()
                    .findFirst().ifPresent(i -> found.put(id, UserRef.of(i.user())));
        }
        return found;
    }

    /** The identity with this provider username (case-insensitive), e.g. a Twitch login name. */
    private Optional<LinkedIdentity> byProviderUsername(Provider provider, String username) {
        return em.createNamedQuery(LinkedIdentity.BY_USERNAME, LinkedIdentity.class).setParameter("provider", provider)
                .setParameter("username", username.toLowerCase(Locale.ROOT)).getResultStream().findFirst();
    }

    public List<LinkedIdentity> identities(UUID userId) {
        return em.createNamedQuery(LinkedIdentity.OF_USER, LinkedIdentity.class).setParameter("userId", userId)
                .getResultList();
    }

    /**
     * Signs in with a provider account: the user it is linked to, refreshed from the profile, or a new
     * user created for it.
     */
    public User signInWith(ProviderProfile profile, AuthMethod method) {
        Instant now = clock.instant();
        Optional<LinkedIdentity> existing = linked(profile);
        User user;
        if (existing.isPresent()) {
            LinkedIdentity identity = existing.get();
            identity.refresh(profile.username(), profile.displayName(), profile.avatarUrl(), now);
            user = identity.user();
        } else {
            user = new User(firstNonBlank(profile.displayName(), profile.username(), profile.provider().id() + " user"), now);
            if (profile.avatarUrl() != null) {
                user.updateProfile(user.displayName(), profile.avatarUrl());
            }
            em.persist(user);
            LinkedIdentity identity = new LinkedIdentity(user, profile.provider(), profile.providerUserId(), now);
            identity.refresh(profile.username(), profile.displayName(), profile.avatarUrl(), now);
            em.persist(identity);
        }
        user.signedIn(method, now);
        return user;
    }

    /** Links a provider account to a signed-in user; 409 when it already belongs to someone else. */
    public LinkedIdentity link(UUID userId, ProviderProfile profile) {
        Instant now = clock.instant();
        User user = find(userId);
        Optional<LinkedIdentity> existing = linked(profile);
        if (existing.isPresent()) {
            if (!existing.get().user().id().equals(userId)) {
                throw new ConflictException("identity-linked-elsewhere", "Identity already linked",
                        "This " + profile.provider().id() + " account is already linked to another Paddock account.");
            }
            existing.get().refresh(profile.username(), profile.displayName(), profile.avatarUrl(), now);
            return existing.get();
        }
        boolean hasProvider = identities(userId).stream().anyMatch(i -> i.provider() == profile.provider());
        if (hasProvider) {
            throw new ConflictException("provider-already-linked", "Provider already linked",
                    "Your account already has a " + label(profile.provider()) + " account linked. Unlink it on your "
                            + "account page first, then link the other one.");
        }
        LinkedIdentity identity = new LinkedIdentity(user, profile.provider(), profile.providerUserId(), now);
        identity.refresh(profile.username(), profile.displayName(), profile.avatarUrl(), now);
        em.persist(identity);
        return identity;
    }

    /**
     * Unlinks a provider from the user's account, never the last way to sign in: another provider stays linked,
     * or a confirmed email address with a password. Unlinking email drops the address and the password.
     */
    public void unlink(UUID userId, Provider provider) {
        User user = find(userId);
        List<LinkedIdentity> identities = identities(userId);
        LinkedIdentity identity = identities.stream().filter(i -> i.provider() == provider).findFirst()
                .orElseThrow(() -> new ResourceNotFoundException("identity-not-linked", "Not linked",
                        "Your account has no " + label(provider) + " sign-in to unlink."));
        boolean anotherWay = identities.stream().anyMatch(i -> i != identity
                && (i.provider() != Provider.EMAIL || user.signsInWithEmail()));
        if (!anotherWay) {
            throw new ConflictException("last-sign-in-method", "Your only way to sign in",
                    label(provider) + " is the only way you can sign in to this account. Link another provider"
                            + (user.email() == null ? " or add an email address and password" : "")
                            + " first, so you can still sign in after unlinking it.");
        }
        em.remove(identity);
        if (provider == Provider.EMAIL) {
            user.removeEmail();
        }
    }

    /** A provider's name in words. */
    static String label(Provider provider) {
        return switch (provider) {
            case DISCORD -> "Discord";
            case TWITCH -> "Twitch";
            case EMAIL -> "Email and password";
        };
    }

    /** Display names of many users in one query (for leaderboards); unknown ids are absent. */
    public java.util.Map<UUID, String> displayNames(java.util.Collection<UUID> userIds) {
        if (userIds.isEmpty()) {
            return java.util.Map.of();
        }
        java.util.Map<UUID, String> names = new java.util.HashMap<>();
        for (Object[] row : em.createQuery("SELECT u.id, u.displayName FROM User u WHERE u.id IN :ids", Object[].class)
                .setParameter("ids", userIds).getResultList()) {
            names.put((UUID) row[0], (String) row[1]);
        }
        return names;
    }

    /**
     * Moves a member from pending to verified (WinPodiums' member state); true when it was pending. The
     * rule that decides it lives with the module that knows the evidence (telemetry's MemberVerification);
     * this only records it.
     */
    public boolean verifyMembership(UUID userId) {
        User user = find(userId);
        if (user.memberState() == MemberState.VERIFIED) {
            return false;
        }
        user.verifyMembership();
        return true;
    }

    /**
     * Sets the member state by a staff decision; true when it changed. Recording who decided and why
     * is the caller's part (the audit trail), in the same transaction.
     */
    public boolean setMembership(UUID userId, boolean verified) {
        User user = find(userId);
        if ((user.memberState() == MemberState.VERIFIED) == verified) {
            return false;
        }
        if (verified) {
            user.verifyMembership();
        } else {
            user.revokeMembership();
        }
        return true;
    }

    private Optional<LinkedIdentity> linked(ProviderProfile profile) {
        return em.createNamedQuery(LinkedIdentity.BY_PROVIDER_ID, LinkedIdentity.class)
                .setParameter("provider", profile.provider())
                .setParameter("providerUserId", profile.providerUserId()).getResultStream().findFirst();
    }

    private static String firstNonBlank(String... candidates) {
        for (String candidate : candidates) {
            if (candidate != null && !candidate.isBlank()) {
                return candidate;
            }
        }
        throw new IllegalArgumentException("no name");
    }
}
