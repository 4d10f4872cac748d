package io.paddock.admin.control;

import java.time.Clock;
import java.util.List;

import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import io.paddock.admin.entity.FeatureFlag;
import io.paddock.platform.audit.AuditTrail;
import io.paddock.platform.audit.Justification;
import io.paddock.platform.errors.ConflictException;
import io.paddock.platform.errors.ResourceNotFoundException;

/** Superadmins turn flags: each change is one audit row and one configuration-history row, in its transaction. */
@Stateless
public class FlagSwitch {

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    AuditTrail audit;

    @Inject
    ConfigHistory history;

    @Inject
    Event<FeatureFlags.FlagChanged> changed;

    public List<FeatureFlag> all() {
        return em.createQuery("SELECT f FROM FeatureFlag f ORDER BY f.name", FeatureFlag.class).getResultList();
    }

    public FeatureFlag set(AuditTrail.Actor actor, String name, boolean on, long expectedVersion, Justification why) {
        FeatureFlag flag = em.find(FeatureFlag.class, name);
        if (flag == null) {
            throw new ResourceNotFoundException("flag-not-found", "No such feature flag",
                    "There is no feature flag named '" + clip(name) + "'.");
        }
        if (flag.version() != expectedVersion) {
            throw new ConflictException("concurrent-update", "Concurrent update",
                    "The flag changed since you read it (version " + flag.version() + "); read it again.");
        }
        boolean before = flag.enabled();
        if (!flag.turn(on, actor.id(), clock.instant())) {
            throw new ConflictException("flag-unchanged", "Flag unchanged",
                    "The flag '" + name + "' is already " + (on ? "on" : "off") + ".");
        }
        String setting = "flag." + name;
        audit.record(actor, AuditTrail.Action.of("admin.flag.set", "flag", name)
                .change("enabled=" + before, "enabled=" + on), why);
        history.record(setting, String.valueOf(before), String.valueOf(on), false, actor, why);
        changed.fire(new FeatureFlags.FlagChanged(name));
        em.flush(); // the answer carries the new version
        return flag;
    }

    private static String clip(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }
}
