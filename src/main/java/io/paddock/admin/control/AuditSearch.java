package io.paddock.admin.control;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import io.paddock.platform.audit.AuditEntry;

/** Audit entries by action or acting user's name, newest first. */
@ApplicationScoped
public class AuditSearch implements SearchSource {

    @PersistenceContext
    EntityManager em;

    @Override
    public String type() {
        return "audit";
    }

    @Override
    public List<SearchHit> search(String needle, int limit) {
        return em.createQuery("SELECT a FROM AuditEntry a WHERE a.action LIKE :q ESCAPE '\\' "
                        + "OR LOWER(a.actorName) LIKE :q ESCAPE '\\' ORDER BY a.id DESC", AuditEntry.class)
                .setParameter("q", "%" + needle + "%").setMaxResults(limit).getResultStream()
                .map(a -> new SearchHit(type(), a.id().toString(), a.action() + " " + a.targetType() + " " + a.targetId(),
                        (a.actorName() == null ? "Paddock" : a.actorName()) + " · " + a.at()
                                + (a.reason() == null ? "" : " · " + a.reason())))
                .toList();
    }
}
