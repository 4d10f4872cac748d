package io.paddock.admin.control;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.paddock.platform.errors.InvalidRequestException;
import io.paddock.platform.errors.Problem;

/**
 * Staff search over every module that offers a {@link SearchSource}; answers grouped by kind. The sources
 * are asked side by side on the container's {@link SearchExecutor}, each in its own transaction whose
 * statements PostgreSQL cancels after {@code paddock.admin.search.timeout}; a source that has not answered
 * by then (or failed) is left out and named in {@link Found#unanswered()}, and the others still answer.
 */
@ApplicationScoped
public class GlobalSearch {

    private static final Logger LOG = Logger.getLogger(GlobalSearch.class.getName());

    public static final int MIN_QUERY = 3;
    public static final int MAX_QUERY = 100;

    /** What the search waits for a source beyond its statement timeout (a connection, mapping the rows). */
    static final Duration GRACE = Duration.ofMillis(200);

    /** The hits of one kind of record. */
    public record Group(String type, List<SearchHit> hits) {
    }

    /** The groups that have hits, by type; and the types whose source did not answer in time. */
    public record Found(List<Group> groups, List<String> unanswered) {
    }

    @Inject
    @Any
    Instance<SearchSource> sources;

    @Inject
    SourceCall call;

    @Resource(lookup = SearchExecutor.NAME)
    ManagedExecutorService executor;

    @Inject
    @ConfigProperty(name = "paddock.admin.search.timeout", defaultValue = "PT0.5S")
    Duration timeout;

    public Found search(String query, int perType) {
        String needle = needle(query);
        long deadline = System.nanoTime() + timeout.plus(GRACE).toNanos();
        Map<String, Future<List<SearchHit>>> asked = new LinkedHashMap<>();
        List<String> unanswered = new ArrayList<>();
        for (SearchSource source : sources) {
            try {
                asked.put(source.type(), executor.submit(() -> call.search(source, needle, perType, timeout)));
            } catch (RejectedExecutionException e) {
                LOG.log(Level.WARNING, "Staff search: could not ask source " + source.type(), e);
                unanswered.add(source.type());
            }
        }
        List<Group> groups = new ArrayList<>();
        for (Map.Entry<String, Future<List<SearchHit>>> entry : asked.entrySet()) {
            try {
                List<SearchHit> hits = entry.getValue().get(Math.max(0, deadline - System.nanoTime()),
                        TimeUnit.NANOSECONDS);
                if (!hits.isEmpty()) {
                    groups.add(new Group(entry.getKey(), hits));
                }
            } catch (TimeoutException e) {
                entry.getValue().cancel(true);
                LOG.warning(() -> "Staff search: source " + entry.getKey() + " did not answer within " + timeout);
                unanswered.add(entry.getKey());
            } catch (ExecutionException e) {
                LOG.log(Level.WARNING, "Staff search: source " + entry.getKey() + " failed", e.getCause());
                unanswered.add(entry.getKey());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                entry.getValue().cancel(true);
                unanswered.add(entry.getKey());
            }
        }
        groups.sort(Comparator.comparing(Group::type));
        unanswered.sort(Comparator.naturalOrder());
        return new Found(groups, unanswered);
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
