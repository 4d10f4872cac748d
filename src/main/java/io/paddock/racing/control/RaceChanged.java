package io.paddock.racing.control;

import java.util.List;
import java.util.UUID;

/**
 * Fired inside the transaction that changed a race or a participant; the hub observes it after
 * commit only. It carries immutable snapshots, so the observer needs no transaction.
 *
 * @param changed     participants whose state changed (become {@code player_update}s)
 * @param leaderboard the ranked board after the change, as this transaction saw it
 * @param status      a new race status, or null
 * @param complete    whether {@code leaderboard} holds every participant (else only the changed one)
 */
public record RaceChanged(UUID raceId, RaceInfo race, List<ParticipantView> changed, Leaderboard.Ranked leaderboard,
        String status, boolean complete) implements java.io.Serializable {
}
