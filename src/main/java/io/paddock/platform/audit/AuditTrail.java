package io.paddock.platform.audit;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.servlet.http.HttpServletRequest;

import io.paddock.platform.web.ClientAddress;
import io.paddock.platform.web.RequestIdFilter;

/**
 * The one audit API every module writes through. {@link #record} joins the caller's transaction
 * ({@code MANDATORY}): the row commits with the action it describes or not at all, so the trail can
 * never claim an action that rolled back nor miss one that committed. The request's id and client
 * address are taken from the HTTP request when there is one (timers and startup record none).
 */
@Stateless
public class AuditTrail {

    /** Who acted: a user, or {@code null} for Paddock itself (timers, webhooks). */
    public record Actor(UUID id, String name) {
    }

    /**
     * What was done: a dotted action name ({@code identity.role.change}), the kind and id of what it
     * was done to, and short before/after summaries for people ({@code role=user} → {@code role=admin}).
     */
    public record Action(String action, String targetType, String targetId, String before, String after) {

        public static Action of(String action, String targetType, Object targetId) {
            return new Action(action, targetType, String.valueOf(targetId), null, null);
        }

        public Action change(String before, String after) {
            return new Action(action, targetType, targetId, before, after);
        }
    }

    /** A page of the trail, newest first; pass {@code nextBefore} back as {@code before} for the next page. */
    public record Page(List<AuditEntry> entries, Long nextBefore) {
    }

    /** What to look for in the trail; {@code null} fields match everything. */
    public record Filter(UUID actorId, String action, String targetType, String targetId) {
    }

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    HttpServletRequest request;

    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public AuditEntry record(Actor actor, Action action, Justification why) {
        String requestId = null;
        String clientAddress = null;
        try {
            String id = RequestIdFilter.requestIdOf(request);
            requestId = "-".equals(id) ? null : id;
            clientAddress = ClientAddress.of(request);
        } catch (ContextNotActiveException | IllegalStateException outsideARequest) {
            // A timer or startup work: no request to name.
        }
        AuditEntry entry = new AuditEntry(clock.instant(), actor, action, why, requestId, clientAddress);
        em.persist(entry);
        return entry;
    }

    /** Newest first, keyset-paged by id (ids grow with time), at most {@code limit} entries. */
    public Page find(Filter filter, Long before, int limit) {
        StringBuilder jpql = new StringBuilder("SELECT a FROM AuditEntry a WHERE 1 = 1");
        if (filter.actorId() != null) {
            jpql.append(" AND a.actorId = :actor");
        }
        if (filter.action() != null) {
            jpql.append(" AND a.action = :action");
        }
        if (filter.targetType() != null) {
            jpql.append(" AND a.targetType = :targetType");
        }
        if (filter.targetId() != null) {
            jpql.append(" AND a.targetId = :targetId");
        }
        if (before != null) {
            jpql.append(" AND a.id < :before");
        }
        jpql.append(" ORDER BY a.id DESC");
        TypedQuery<AuditEntry> query = em.createQuery(jpql.toString(), AuditEntry.class).setMaxResults(limit + 1);
        if (filter.actorId() != null) {
            query.setParameter("actor", filter.actorId());
        }
        if (filter.action() != null) {
            query.setParameter("action", filter.action());
        }
        if (filter.targetType() != null) {
            query.setParameter("targetType", filter.targetType());
        }
        if (filter.targetId() != null) {
            query.setParameter("targetId", filter.targetId());
        }
        if (before != null) {
            query.setParameter("before", before);
        }
        List<AuditEntry> rows = query.getResultList();
        boolean more = rows.size() > limit;
        List<AuditEntry> page = more ? rows.subList(0, limit) : rows;
        return new Page(List.copyOf(page), more ? page.get(page.size() - 1).id() : null);
    }
}
