package io.paddock.racing.control;

import java.util.List;

import io.paddock.racing.entity.Race;
import io.paddock.racing.entity.RaceStatus;

/**
 * Who learns who finished (the race's {@code show_finished_names}): with it off, while the race is not
 * finished, a finisher's names are hidden from racers and the public; the organizer (or an admin)
 * still sees them. Once the race is finished everybody sees every name.
 */
public record FinisherNames(boolean showFinishedNames, RaceStatus raceStatus) {

    public static FinisherNames of(Race race) {
        return new FinisherNames(race.showFinishedNames(), race.status());
    }

    /** Whether finishers' names are hidden from anyone right now. */
    public boolean hidden() {
        return !showFinishedNames && raceStatus != RaceStatus.FINISHED;
    }

    /** Whether {@code viewer} is denied finishers' names right now. */
    public boolean hiddenFrom(RaceStates.Viewer viewer) {
        return hidden() && viewer != RaceStates.Viewer.ORGANIZER;
    }

    /** {@code participants} as {@code viewer} may see them. */
    public List<ParticipantView> shownTo(RaceStates.Viewer viewer, List<ParticipantView> participants) {
        return hiddenFrom(viewer) ? ParticipantView.withFinishedNamesHidden(participants) : participants;
    }

    /**
     * Whether a message naming {@code participants} reads differently to the organizer: names are
     * hidden and one of them has finished. Otherwise one encoding serves everybody.
     */
    public boolean splitsAudiences(List<ParticipantView> participants) {
        if (!hidden()) {
            return false;
        }
        for (ParticipantView p : participants) {
            if (p.finished()) {
                return true;
            }
        }
        return false;
    }
}
