package io.paddock.admin.control;

import java.time.Clock;
import java.util.List;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;

import io.paddock.admin.entity.ConfigChange;
import io.paddock.platform.audit.AuditTrail;
import io.paddock.platform.audit.Justification;

/**
 * The history of settings changed at runtime. {@link #record} joins the transaction of the change, like the
 * audit trail, so a change and its history row commit together; a secret's values are masked before they
 * are stored.
 */
@Stateless
public class ConfigHistory {

    /** A page of changes, newest first; {@code nextBefore} fetches the next. */
    public record Page(List<ConfigChange> changes, Long nextBefore) {
    }

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public ConfigChange record(String setting, String oldValue, String newValue, boolean secret, AuditTrail.Actor actor,
            Justification why) {
        ConfigChange change = new ConfigChange(clock.instant(), setting, oldValue, newValue, secret,
                actor == null ? null : actor.id(), actor == null ? null : actor.name(),
                why == null ? null : why.reason(), why == null ? null : why.ticketId());
        em.persist(change);
        return change;
    }

    /** Changes of one setting (or all when {@code setting} is null), newest first, keyset-paged by id. */
    public Page find(String setting, Long before, int limit) {
        String jpql = "SELECT c FROM ConfigChange c WHERE 1 = 1" + (setting == null ? "" : " AND c.setting = :setting")
                + (before == null ? "" : " AND c.id < :before") + " ORDER BY c.id DESC";
        TypedQuery<ConfigChange> query = em.createQuery(jpql, ConfigChange.class).setMaxResults(limit + 1);
        if (setting != null) {
            query.setParameter("setting", setting);
        }
        if (before != null) {
            query.setParameter("before", before);
        }
        List<ConfigChange> rows = query.getResultList();
        boolean more = rows.size() > limit;
        List<ConfigChange> page = more ? rows.subList(0, limit) : rows;
        return new Page(List.copyOf(page), more ? page.get(page.size() - 1).id() : null);
    }
}
