package io.paddock.racing.boundary;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.paddock.identity.entity.User;
import io.paddock.platform.json.Json;
import io.paddock.platform.persistence.CommittedChanges;
import io.paddock.platform.web.PreparedJson;
import io.paddock.racing.entity.Participant;
import io.paddock.racing.entity.Race;
import io.paddock.racing.entity.RaceStatus;

/**
 * The race list as sent, rendered once per committed change: each status filter keeps its JSON and
 * entity tag until a race, a participant's entry or a user (an organizer's name) changes on any node,
 * so the list's readers — every visitor of the home page, polling — cost no query and no JSON writing in
 * between, and a client holding the tag gets a bodiless 304. {@link RaceListFilter} sends these bytes
 * before JAX-RS; the resource method sends the same for whatever the filter leaves to it.
 */
@ApplicationScoped
public class RaceListSnapshots {

    private record Entry(long generation, long builtAt, PreparedJson rendered) {
    }

    /**
     * A snapshot older than this is rendered again even without a change: a bound on what any missed
     * change notice could cost, at one query per filter and minute.
     */
    static final long MAX_AGE_NANOS = java.util.concurrent.TimeUnit.MINUTES.toNanos(1);

    /** At most one entry per set of statuses: 2^5 keys. */
    private final Map<Set<RaceStatus>, Entry> byFilter = new ConcurrentHashMap<>();

    private final ReentrantLock rendering = new ReentrantLock();

    @Inject
    CommittedChanges changes;

    @Inject
    RaceService service;

    /** The body to send and its strong entity tag. */
    public PreparedJson list(List<RaceStatus> statuses) {
        Set<RaceStatus> filter = statuses.isEmpty() ? Set.of() : EnumSet.copyOf(statuses);
        // Read before the query: a change committed while it runs moves the generation past this one.
        long generation = changes.generation(Race.class) + changes.generation(Participant.class)
                + changes.generation(User.class);
        Entry entry = byFilter.get(filter);
        if (fresh(entry, generation)) {
            return entry.rendered();
        }
        // One query per change, not one per waiting reader: a change under load would otherwise send every
        // reader in flight to the database at once. Whoever waited here finds the list its generation needs.
        // A list that is only old (no change since) is still served while another reader renders it again.
        boolean current = entry != null && entry.generation() >= generation;
        if (current) {
            if (!rendering.tryLock()) {
                return entry.rendered();
            }
        } else {
            rendering.lock();
        }
        try {
            entry = byFilter.get(filter);
            if (fresh(entry, generation)) {
                return entry.rendered();
            }
            long now = System.nanoTime();
            byte[] body;
            try {
                body = Json.mapper().writeValueAsBytes(service.list(statuses));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("The race list could not be written", e);
            }
            PreparedJson rendered = PreparedJson.tagged(body);
            byFilter.put(filter, new Entry(generation, now, rendered));
            return rendered;
        } finally {
            rendering.unlock();
        }
    }

    /** Built at this generation or a later one (generations only grow), and not too old. */
    private static boolean fresh(Entry entry, long generation) {
        return entry != null && entry.generation() >= generation && System.nanoTime() - entry.builtAt() < MAX_AGE_NANOS;
    }
}
