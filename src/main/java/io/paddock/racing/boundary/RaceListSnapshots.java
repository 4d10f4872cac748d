package io.paddock.racing.boundary;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.paddock.identity.entity.User;
import io.paddock.platform.json.Json;
import io.paddock.platform.persistence.CommittedChanges;
import io.paddock.platform.web.PreparedJson;
import io.paddock.platform.web.RenderedSnapshots;
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

    /** At most one answer per set of statuses: 2^5 keys. */
    private final RenderedSnapshots<Set<RaceStatus>, PreparedJson> byFilter = new RenderedSnapshots<>(32);

    @Inject
    CommittedChanges changes;

    @Inject
    RaceService service;

    /** The body to send and its strong entity tag. */
    public PreparedJson list(List<RaceStatus> statuses) {
        Set<RaceStatus> filter = statuses.isEmpty() ? Set.of() : EnumSet.copyOf(statuses);
        long generation = changes.generation(Race.class) + changes.generation(Participant.class)
                + changes.generation(User.class);
        return byFilter.get(filter, generation, () -> PreparedJson.tagged(Json.bytes(service.list(statuses))));
    }
}
