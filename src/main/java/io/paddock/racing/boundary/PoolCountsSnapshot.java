package io.paddock.racing.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.paddock.platform.json.Json;
import io.paddock.platform.persistence.CommittedChanges;
import io.paddock.platform.web.PreparedJson;
import io.paddock.platform.web.RenderedSnapshots;
import io.paddock.racing.control.SeedPool;
import io.paddock.racing.entity.Seed;

/**
 * The seed pools' counts as sent, rendered once per committed change of a seed (on any node): every visit
 * of the create-race form reads them. A pool folder made on disk without a seed yet shows up within the
 * snapshot's age bound (a minute), as it would at the pool's next scan.
 */
@ApplicationScoped
public class PoolCountsSnapshot {

    private final RenderedSnapshots<Boolean, PreparedJson> counts = new RenderedSnapshots<>(1);

    @Inject
    CommittedChanges changes;

    @Inject
    SeedPool pool;

    /** The counts' body and strong entity tag. */
    public PreparedJson counts() {
        return counts.get(Boolean.TRUE, changes.generation(Seed.class), () -> PreparedJson.tagged(Json.bytes(pool.counts())));
    }
}
