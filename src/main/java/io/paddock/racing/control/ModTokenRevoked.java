package io.paddock.racing.control;

import java.util.UUID;

/**
 * Fired inside the transaction that revoked a participant's mod token (regenerated, or the participant
 * removed); the hub closes that participant's mod sockets after commit.
 */
public record ModTokenRevoked(UUID raceId, UUID participantId) implements java.io.Serializable {
}
