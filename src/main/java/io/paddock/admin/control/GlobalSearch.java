package io.paddock.admin.control;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import io.paddock.platform.errors.InvalidRequestException;
import io.paddock.platform.errors.Problem;

/** Staff search over every module that offers a {@link SearchSource}; answers grouped by kind. */
@ApplicationScoped
public class GlobalSearch {

    public static final int MIN_QUERY = 3;
    public static final int MAX_QUERY = 100;

    /** The hits of one kind of record. */
    public record Group(String type, List<SearchHit> hits) {
    }

    @Inject
    @Any
    Instance<SearchSource> sources;

    public List<Group> search(String query, int perType) {
        String needle = needle(query);
        List<Group> groups = new ArrayList<>();
        for (SearchSource source : sources) {
            List<SearchHit> hits = source.search(needle, perType);
            if (!hits.isEmpty()) {
                groups.add(new Group(source.type(), hits));
            }
        }
        groups.sort(Comparator.comparing(Group::type));
        return groups;
    }

    /**
     * The query as sources receive it: trimmed, lower-case and escaped for {@code LIKE}. Shorter than
     * three characters is refused, since a trigram index cannot serve it and it would scan every table.
     */
    static String needle(String query) {
        String trimmed = query == null ? "" : query.strip();
        if (trimmed.codePointCount(0, trimmed.length()) < MIN_QUERY
                || trimmed.codePointCount(0, trimmed.length()) > MAX_QUERY) {
            throw new InvalidRequestException("validation", "Invalid input", "Search for 3 to 100 characters.",
                    List.of(new Problem.FieldError("q", "must be 3 to 100 characters")));
        }
        return trimmed.toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
