package io.paddock.platform.web;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Answers rendered once per committed change: each key keeps its {@link PreparedJson} until the generation
 * its caller reads from {@code CommittedChanges} moves past the one it was built at, so the readers in
 * between cost no query and no JSON writing. One renderer at a time per key: a change under load would
 * otherwise send every reader in flight to the database at once; whoever waited finds the answer its generation
 * needs. An answer that is only old (no change since) is still served while one reader renders it again.
 *
 * @param <K> what one answer is kept for (a filter, a race id)
 * @param <V> the answer: a {@link PreparedJson}, or a record holding one
 */
public final class RenderedSnapshots<K, V> {

    private record Entry<V>(long generation, long builtAt, V rendered) {
    }

    /**
     * An answer older than this is rendered again even without a change: a bound on what any missed change
     * notice (or a source outside the database, such as a folder) could cost, at one render per key and minute.
     */
    static final long MAX_AGE_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final Map<K, Entry<V>> byKey = new ConcurrentHashMap<>();

    private final Map<K, ReentrantLock> renderers = new ConcurrentHashMap<>();

    private final int maxKeys;

    /** @param maxKeys how many keys are kept; past that the oldest answers are dropped all at once (rare) */
    public RenderedSnapshots(int maxKeys) {
        this.maxKeys = maxKeys;
    }

    /**
     * The answer for {@code key} at {@code generation} or later.
     *
     * @param generation read by the caller <em>before</em> rendering starts, so a change committed while
     *        the query runs moves the generation past the one stored with the answer
     */
    public V get(K key, long generation, Supplier<V> render) {
        return get(key, generation, render, rendered -> true);
    }

    /**
     * As {@link #get(Object, long, Supplier)}, keeping only what {@code keep} accepts: an answer that also
     * depends on changes the generations do not count is rendered for each reader.
     */
    public V get(K key, long generation, Supplier<V> render, Predicate<V> keep) {
        Entry<V> entry = byKey.get(key);
        if (fresh(entry, generation)) {
            return entry.rendered();
        }
        if (entry != null && entry.rendered() == null) {
            // Not kept last time (a live race, say): its readers render side by side, not one at a time.
            return render(key, generation, render, keep);
        }
        ReentrantLock rendering = renderers.computeIfAbsent(key, k -> new ReentrantLock());
        boolean current = entry != null && entry.generation() >= generation;
        if (current) {
            if (!rendering.tryLock()) {
                return entry.rendered();
            }
        } else {
            rendering.lock();
        }
        try {
            entry = byKey.get(key);
            if (fresh(entry, generation)) {
                return entry.rendered();
            }
            return render(key, generation, render, keep);
        } finally {
            rendering.unlock();
        }
    }

    private V render(K key, long generation, Supplier<V> render, Predicate<V> keep) {
        long now = System.nanoTime();
        V rendered = render.get();
        if (byKey.size() >= maxKeys && !byKey.containsKey(key)) {
            byKey.clear(); // a bound, not a policy: the busy keys are rendered again by their next reader
            renderers.clear();
        }
        // An answer not kept leaves a marker without one, so the next reader knows not to wait for others.
        byKey.put(key, new Entry<>(generation, now, keep.test(rendered) ? rendered : null));
        return rendered;
    }

    /** Built at this generation or a later one (generations only grow), and not too old. */
    private static boolean fresh(Entry<?> entry, long generation) {
        return entry != null && entry.rendered() != null && entry.generation() >= generation && System.nanoTime() - entry.builtAt() < MAX_AGE_NANOS;
    }
}
