package io.paddock.identity.control;

import java.util.UUID;

/**
 * A module's part of a user's staff detail ({@code GET /api/admin/users/{id}}): what that module holds of
 * the user, read over its own tables with one query. Identity finds every part through CDI, so no module
 * reaches into another's tables and the detail costs one query per kind, never one per row.
 */
public interface AccountFacts {

    /** The detail's field this part fills: {@code installations}, {@code plan} or {@code recentResults}. */
    String key();

    /** The part for one user: a list or a value that serializes to JSON. */
    Object of(UUID userId);
}
