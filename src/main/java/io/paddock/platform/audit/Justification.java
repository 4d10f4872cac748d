package io.paddock.platform.audit;

/**
 * Why a privileged or destructive action was taken: a reason people can read later and the ticket it
 * belongs to. Request records carry both at their top level, annotated {@link Reason} and
 * {@link TicketId} (so a missing one is a validation problem naming {@code reason} or {@code ticketId}),
 * and hand them over with {@link #of}.
 */
public record Justification(String reason, String ticketId) {

    public static final int MIN_REASON = 10;
    public static final int MAX_REASON = 1000;

    public static Justification of(String reason, String ticketId) {
        return new Justification(reason.strip(), ticketId.strip());
    }
}
