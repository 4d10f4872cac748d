package io.paddock.racing.boundary;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.paddock.identity.control.Caller;
import io.paddock.identity.entity.User;
import io.paddock.platform.json.Json;
import io.paddock.platform.persistence.CommittedChanges;
import io.paddock.platform.web.PreparedJson;
import io.paddock.platform.web.RenderedSnapshots;
import io.paddock.racing.entity.Participant;
import io.paddock.racing.entity.Race;
import io.paddock.racing.entity.RaceStatus;

/**
 * A race's details as sent, with a weak entity tag over everything but {@code server_time} (the one field
 * that changes on every request, added as the body is written). What anonymous readers see of a finished
 * race (finished or cancelled) is rendered once per committed change of a race, an entry or a user (on any node) and served from
 * memory in between: such a race changes only through those. A live race's details also move with
 * every participant's progress, which those generations do not count, so they are rendered per request,
 * as are the organizer's, participants' and other signed-in views (which differ per caller).
 */
@ApplicationScoped
public class RaceDetailsSnapshots {

    /** An answer without its {@code server_time}, and whether it may be kept. */
    record View(PreparedJson json, boolean settled) {
    }

    /** Finished races read in a burst (a results link shared) are few at a time; 1,000 bounds the memory. */
    private final RenderedSnapshots<UUID, View> anonymous = new RenderedSnapshots<>(1_000);

    @Inject
    CommittedChanges changes;

    @Inject
    RaceService service;

    /** The details {@code caller} may see, without {@code server_time}, under their weak entity tag. */
    public PreparedJson details(UUID raceId, Optional<Caller> caller) {
        if (caller.isPresent()) {
            return render(raceId, caller).json();
        }
        long generation = changes.generation(Race.class) + changes.generation(Participant.class)
                + changes.generation(User.class);
        return anonymous.get(raceId, generation, () -> render(raceId, Optional.empty()), View::settled).json();
    }

    private View render(UUID raceId, Optional<Caller> caller) {
        RaceViews.RaceDetails details = service.details(raceId, caller);
        byte[] body = Json.bytes(details.withoutServerTime());
        return new View(PreparedJson.weaklyTagged(body), RaceStatus.fromWire(details.status()).over());
    }

    /** {@code body} (a JSON object) with {@code server_time} as its last field. */
    static byte[] withServerTime(byte[] body, Instant now) {
        byte[] field = (",\"server_time\":\"" + now + "\"}").getBytes(StandardCharsets.US_ASCII);
        byte[] sent = Arrays.copyOf(body, body.length - 1 + field.length);
        System.arraycopy(field, 0, sent, body.length - 1, field.length);
        return sent;
    }
}
