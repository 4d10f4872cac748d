package io.paddock.testing.fuzz;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What a fuzz run sent and what went wrong. Failures are grouped into distinct classes, one per
 * (surface, input kind, outcome), each with how often it happened and its first example, so one run
 * reports every class in a readable list instead of stopping at the first.
 */
public final class Findings {

    private record Example(String input, String answer) {
    }

    private final Map<String, AtomicInteger> failures = new ConcurrentSkipListMap<>();
    private final Map<String, Example> examples = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> sent = new ConcurrentSkipListMap<>();
    private final Set<String> surfaces = new ConcurrentSkipListSet<>();
    private final Map<String, AtomicInteger> containerAnswers = new ConcurrentSkipListMap<>();

    /** Counts one generated input: {@code channel} is http, raw, mod socket or spectator socket. */
    public void sent(String channel, Kind kind, String surface) {
        sent.computeIfAbsent(channel + " " + kind, k -> new AtomicInteger()).incrementAndGet();
        surfaces.add(surface);
    }

    /** Records one failure; {@code outcome} names what was wrong (status and why, or close code). */
    public void fail(String surface, Kind kind, String outcome, String input, String answer) {
        String key = surface + " | " + kind + " | " + outcome;
        failures.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
        examples.putIfAbsent(key, new Example(clip(input, 240), clip(answer, 240)));
    }

    /**
     * Counts an answer the container (Payara's HTTP layer) gives to a request it cannot parse, before any
     * of Paddock's code runs: no body, no media type, not a server error. Listed, not failed: Paddock cannot
     * word it (docs/operations.md, "Error answers and request limits").
     */
    public void containerAnswer(Kind kind, int status) {
        containerAnswers.computeIfAbsent(kind + " -> " + status + " without a body", k -> new AtomicInteger())
                .incrementAndGet();
    }

    /** The container's own answers by input kind and status. */
    public String containerAnswers() {
        StringBuilder out = new StringBuilder("Answered by the container before Paddock's code (not failures):\n");
        containerAnswers.forEach((k, v) -> out.append("  ").append(k).append(": ").append(v.get()).append('\n'));
        return out.toString();
    }

    public boolean clean() {
        return failures.isEmpty();
    }

    public int total() {
        return sent.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    public int total(String channel) {
        return sent.entrySet().stream().filter(e -> e.getKey().startsWith(channel + " "))
                .mapToInt(e -> e.getValue().get()).sum();
    }

    public Set<String> surfaces() {
        return Set.copyOf(surfaces);
    }

    /** Inputs sent, by channel and kind, and the number of surfaces reached. */
    public String counts() {
        StringBuilder out = new StringBuilder("Fuzz inputs sent: " + total() + " over " + surfaces.size()
                + " surfaces (endpoints and socket message types)\n");
        Map<String, Integer> byChannel = new TreeMap<>();
        sent.forEach((k, v) -> byChannel.merge(k.substring(0, k.lastIndexOf(' ')), v.get(), Integer::sum));
        byChannel.forEach((channel, n) -> out.append("  ").append(channel).append(": ").append(n).append('\n'));
        sent.forEach((k, v) -> out.append("    ").append(k).append(": ").append(v.get()).append('\n'));
        return out.toString();
    }

    /**
     * Every distinct failure class, one entry per (input kind, outcome) naming each surface it happened on,
     * with counts and the first example.
     */
    public String report() {
        Map<String, Map<String, Integer>> classes = new TreeMap<>();
        failures.forEach((key, count) -> {
            String[] parts = key.split(" \\| ", 3);
            classes.computeIfAbsent(parts[2] + " | " + parts[1], k -> new TreeMap<>()).put(parts[0], count.get());
        });
        StringBuilder out = new StringBuilder(classes.size() + " distinct failure classes (outcome | input kind), "
                + failures.size() + " with their surface:\n");
        classes.forEach((outcomeAndKind, surfaces) -> {
            String[] parts = outcomeAndKind.split(" \\| ", 2);
            String first = surfaces.keySet().iterator().next();
            Example e = examples.get(first + " | " + parts[1] + " | " + parts[0]);
            out.append("- ").append(outcomeAndKind).append(" (").append(surfaces.values().stream()
                    .mapToInt(Integer::intValue).sum()).append("x)\n");
            surfaces.forEach((surface, count) -> out.append("    ").append(surface).append(" (").append(count)
                    .append("x)\n"));
            out.append("    e.g. sent: ").append(e.input()).append('\n').append("         got:  ").append(e.answer())
                    .append('\n');
        });
        return out.toString();
    }

    /** Control characters made visible and the text cut to {@code max} characters. */
    public static String clip(String text, int max) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length() && out.length() < max; i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7f || Character.isSurrogate(c)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        if (text.length() > max) {
            out.append("… (").append(text.length()).append(" chars)");
        }
        return out.toString();
    }
}
