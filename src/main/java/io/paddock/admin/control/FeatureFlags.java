package io.paddock.admin.control;

import java.io.Serializable;
import java.util.Map;
import java.util.logging.Logger;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import io.paddock.admin.entity.FeatureFlag;
import io.paddock.platform.cluster.Cluster;

/**
 * The application's read side of feature flags: {@link #enabled} answers from memory. The whole table is
 * read once and again after a change commits ({@link FlagChanged}); with clustering on, the change is
 * announced on a topic of the data grid so every node drops its copy, not only the one that changed it.
 */
@ApplicationScoped
public class FeatureFlags {

    private static final Logger LOG = Logger.getLogger(FeatureFlags.class.getName());
    static final String TOPIC = "paddock.feature-flags";

    /** The blog's public pages, API and feed. */
    public static final String BLOG = "blog";

    /** A flag changed; observed after commit. */
    public record FlagChanged(String name) implements Serializable {
    }

    @PersistenceContext
    EntityManager em;

    @Inject
    Cluster cluster;

    private volatile Map<String, Boolean> states;

    /** Whether the flag is on; a flag no migration created is off (and says so in the log). */
    public boolean enabled(String name) {
        Boolean on = current().get(name);
        if (on == null) {
            LOG.warning(() -> "Unknown feature flag '" + name + "': treated as off.");
            return false;
        }
        return on;
    }

    private Map<String, Boolean> current() {
        Map<String, Boolean> known = states;
        if (known == null) {
            known = em.createQuery("SELECT f FROM FeatureFlag f", FeatureFlag.class).getResultStream()
                    .collect(Collectors.toUnmodifiableMap(FeatureFlag::name, FeatureFlag::enabled));
            states = known;
        }
        return known;
    }

    /** Forgets the states read; the next question reads the table again. */
    public void invalidate() {
        states = null;
    }

    void changed(@Observes(during = TransactionPhase.AFTER_SUCCESS) FlagChanged change) {
        invalidate();
        if (cluster.enabled()) {
            cluster.publish(TOPIC, change);
        }
    }

    void atStartup(@Observes @Initialized(ApplicationScoped.class) Object application) {
        if (cluster.enabled()) {
            cluster.subscribe(TOPIC, message -> invalidate());
        }
    }
}
