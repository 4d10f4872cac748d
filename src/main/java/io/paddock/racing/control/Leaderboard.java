package io.paddock.racing.control;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.paddock.racing.entity.ZoneVisit;

/**
 * The leaderboard order and LiveSplit-style gaps (docs/api/racing.md, "Leaderboard order"): finished by IGT; playing by layer
 * (highest first), then by the IGT at which they entered it; then ready; then registered; then
 * abandoned by layer (highest first), then IGT. {@code gap_ms} is the distance to the leader's split
 * at the same layer (for finishers: to the winner's time).
 */
public final class Leaderboard {

    /** The ranked participants and the leader's split (first entry IGT) of every layer reached. */
    public record Ranked(List<ParticipantView> participants, Map<Integer, Long> leaderSplits) implements java.io.Serializable {
    }

    private Leaderboard() {
    }

    public static Ranked rank(List<ParticipantView> participants) {
        Map<Integer, Long> splits = new TreeMap<>();
        for (ParticipantView p : participants) {
            if (p.layerEntryIgt() != null) {
                splits.merge(p.currentLayer(), p.layerEntryIgt(), Math::min);
            }
            for (ZoneVisit visit : p.zoneHistory() == null ? List.<ZoneVisit>of() : p.zoneHistory()) {
                if (visit.layer() != null) {
                    splits.merge(visit.layer(), visit.igtMs(), Math::min);
                }
            }
        }
        List<ParticipantView> sorted = new ArrayList<>(participants);
        sorted.sort(ORDER);
        Long winner = sorted.stream().filter(p -> p.status().equals("finished")).map(ParticipantView::igtMs)
                .findFirst().orElse(null);
        List<ParticipantView> ranked = new ArrayList<>(sorted.size());
        for (ParticipantView p : sorted) {
            Long gap = null;
            if (p.status().equals("finished")) {
                gap = p.igtMs() - winner;
            } else if (p.status().equals("playing") && p.layerEntryIgt() != null) {
                Long split = splits.get(p.currentLayer());
                gap = split == null ? null : p.layerEntryIgt() - split;
            }
            ranked.add(p.withGap(gap));
        }
        return new Ranked(List.copyOf(ranked), Map.copyOf(splits));
    }

    private static int group(ParticipantView p) {
        return switch (p.status()) {
            case "finished" -> 0;
            case "playing" -> 1;
            case "ready" -> 2;
            case "registered" -> 3;
            default -> 4;
        };
    }

    private static long entry(ParticipantView p) {
        return p.layerEntryIgt() == null ? p.igtMs() : p.layerEntryIgt();
    }

    static final Comparator<ParticipantView> ORDER = (a, b) -> {
        int byGroup = Integer.compare(group(a), group(b));
        if (byGroup != 0) {
            return byGroup;
        }
        return switch (group(a)) {
            case 0 -> Long.compare(a.igtMs(), b.igtMs());
            case 1 -> a.currentLayer() != b.currentLayer() ? Integer.compare(b.currentLayer(), a.currentLayer())
                    : Long.compare(entry(a), entry(b));
            case 4 -> a.currentLayer() != b.currentLayer() ? Integer.compare(b.currentLayer(), a.currentLayer())
                    : Long.compare(a.igtMs(), b.igtMs());
            default -> Integer.compare(a.colorIndex(), b.colorIndex());
        };
    };
}
