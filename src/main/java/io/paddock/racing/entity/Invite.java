package io.paddock.racing.entity;

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

import io.paddock.platform.errors.AccessDeniedException;

/**
 * An invitation to a race for a Twitch username that has no Paddock account yet; only an account
 * linked to that login may accept it. Its token is derived from the invite id (RaceTokens) so the
 * organizer's page can show the link again; only the token's SHA-256 is stored.
 */
@Entity
@Table(name = "invites")
@NamedQuery(name = Invite.BY_TOKEN, query = "SELECT i FROM Invite i JOIN FETCH i.race "
        + "WHERE i.tokenHash = :hash OR i.legacyTokenHash = :hash")
@NamedQuery(name = Invite.TO_DERIVE, query = "SELECT i FROM Invite i WHERE :all = TRUE OR i.tokenHash IS NULL")
@NamedQuery(name = Invite.OF_RACE, query = "SELECT i FROM Invite i WHERE i.race.id = :raceId ORDER BY i.createdAt")
public class Invite {

    public static final String BY_TOKEN = "Invite.byToken";
    public static final String OF_RACE = "Invite.ofRace";
    public static final String TO_DERIVE = "Invite.toDerive";

    @Id
    private UUID id;
    private String tokenHash;
    /** SHA-256 (hex) of a token issued before tokens were derived (V7). */
    private String legacyTokenHash;
    @ManyToOne(optional = false)
    @JoinColumn(name = "race_id")
    private Race race;
    private String twitchUsername;
    private Instant createdAt;
    private Instant expiresAt;
    @ManyToOne
    @JoinColumn(name = "accepted_by")
    private io.paddock.identity.entity.User acceptedBy;
    private Instant acceptedAt;
    @Version
    private long version;

    protected Invite() {
    }

    /** @param id chosen by the caller, because the token (whose hash is given) derives from it */
    public Invite(UUID id, Race race, String twitchUsername, String tokenHash, Instant now, Instant expiresAt) {
        this.id = Objects.requireNonNull(id);
        this.race = Objects.requireNonNull(race);
        this.twitchUsername = Objects.requireNonNull(twitchUsername, "An invite needs a Twitch username.");
        this.tokenHash = Objects.requireNonNull(tokenHash);
        this.createdAt = now;
        this.expiresAt = Objects.requireNonNull(expiresAt);
    }

    /**
     * Accepted by the user whose linked Twitch login is {@code acceptorLogin} (null: none linked). The
     * invite is no bearer ticket: only the invited Twitch login may accept it.
     */
    public void accept(io.paddock.identity.entity.User user, String acceptorLogin, Instant now) {
        if (acceptedBy != null) {
            throw new RaceConflict("invite-used", "Invite already used", "This invite has already been accepted.");
        }
        if (!now.isBefore(expiresAt)) {
            throw new RaceConflict("invite-expired", "Invite expired", "This invite expired at " + expiresAt + ".");
        }
        if (acceptorLogin == null || !acceptorLogin.equalsIgnoreCase(twitchUsername)) {
            throw new AccessDeniedException("invite-for-another-account", "Invite for another account",
                    "This invite is for Twitch user " + twitchUsername + ": sign in with that Twitch account to "
                            + "accept it" + (acceptorLogin == null
                                    ? " (or link it to this account, which has no Twitch account linked)."
                                    : "; this account is linked to Twitch user " + acceptorLogin + "."));
        }
        acceptedBy = Objects.requireNonNull(user);
        acceptedAt = now;
    }

    /** The token key changed (or this row predates derived tokens): store the hash derived under the current key. */
    public void tokenDerivedAgain(String hash) {
        tokenHash = Objects.requireNonNull(hash);
    }

    public String state(Instant now) {
        return acceptedBy != null ? "accepted" : now.isBefore(expiresAt) ? "pending" : "expired";
    }

    public UUID id() {
        return id;
    }

    public String tokenHash() {
        return tokenHash;
    }

    public String legacyTokenHash() {
        return legacyTokenHash;
    }

    public Race race() {
        return race;
    }

    public String twitchUsername() {
        return twitchUsername;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    public UUID acceptedBy() {
        return acceptedBy == null ? null : acceptedBy.id();
    }
}
