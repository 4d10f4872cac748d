package io.paddock.admin.control;

import java.util.List;

/**
 * One module's part of the staff search: the records it owns whose names contain the query. Each module
 * implements it over its own tables (as an application-scoped bean) with an index that serves substring
 * matches; {@link GlobalSearch} asks every source and groups the answers.
 */
public interface SearchSource {

    /** The kind of record this source finds, e.g. {@code user}; the group's name in the answer. */
    String type();

    /**
     * At most {@code limit} records matching {@code needle}, best first. {@code needle} is lower-case,
     * at least three characters, and already escaped for {@code LIKE} (use {@code ESCAPE '\'}).
     */
    List<SearchHit> search(String needle, int limit);
}
