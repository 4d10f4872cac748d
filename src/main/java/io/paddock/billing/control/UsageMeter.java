package io.paddock.billing.control;

import java.util.Map;
import java.util.UUID;

/**
 * A module's count of what a user holds now, for the limits it owns (transfers: jobs and storage;
 * racing: open races). Implemented as an application-scoped CDI bean in the owning module; billing
 * asks every meter when it answers "what may this user do now" and {@code GET /api/usage}.
 */
public interface UsageMeter {

    /** The current usage of {@code userId} for each limit this meter counts; limits it does not count are absent. */
    Map<Limit, Long> usage(UUID userId);
}
