package io.paddock.transfers.control;

import java.util.UUID;

/**
 * A stored event of a job (its row in {@code transfer_events}), fired inside the transaction that
 * stored it; {@link TransferFeed} delivers it once that transaction committed.
 */
public record JobChanged(long eventId, UUID ownerId, UUID jobId, String type, String data) {
}
