package io.paddock.admin.control;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import io.paddock.platform.audit.AuditEntry;

/**
 * Audit entries by action or acting user's name, newest first, in two steps. First the newest
 * {@value #RECENT} entries are read in order (primary key) and filtered: a substring common to many entries
 * (an action name, a busy staff member) finds its newest matches there without touching the rest. Only when
 * those hold fewer than {@code limit} matches — the substring is rare, so the trigram index finds its few
 * matches cheaply — is the whole table asked through the index, and sorted.
 */
@ApplicationScoped
public class AuditSearch implements SearchSource {

    /** How many of the newest entries the first step reads (a few milliseconds). */
    static final int RECENT = 5000;

    private static final String MATCH = "(a.action LIKE ?1 ESCAPE '\\' OR LOWER(a.actor_name) LIKE ?1 ESCAPE '\\')";

    @PersistenceContext
    EntityManager em;

    @Override
    public String type() {
        return "audit";
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<SearchHit> search(String needle, int limit) {
        String pattern = "%" + needle + "%";
        // The LIMIT inside is a fence: PostgreSQL reads the newest rows first and filters them after.
        List<AuditEntry> found = em.createNativeQuery("SELECT a.* FROM (SELECT * FROM audit_log ORDER BY id DESC "
                        + "LIMIT ?2) a WHERE " + MATCH + " ORDER BY a.id DESC LIMIT ?3", AuditEntry.class)
                .setParameter(1, pattern).setParameter(2, RECENT).setParameter(3, limit).getResultList();
        if (found.size() < limit) {
            found = em.createQuery("SELECT a FROM AuditEntry a WHERE a.action LIKE :q ESCAPE '\\' "
                            + "OR LOWER(a.actorName) LIKE :q ESCAPE '\\' ORDER BY a.id DESC", AuditEntry.class)
                    .setParameter("q", pattern).setMaxResults(limit).getResultList();
        }
        return found.stream()
                .map(a -> new SearchHit(type(), a.id().toString(), a.action() + " " + a.targetType() + " " + a.targetId(),
                        (a.actorName() == null ? "Paddock" : a.actorName()) + " · " + a.at()
                                + (a.reason() == null ? "" : " · " + a.reason())))
                .toList();
    }
}
