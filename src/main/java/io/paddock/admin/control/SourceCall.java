package io.paddock.admin.control;

import java.time.Duration;
import java.util.List;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/**
 * One source of a staff search, in a read transaction of its own whose statements PostgreSQL cancels
 * after {@code timeout} ({@code SET LOCAL statement_timeout}): a slow source stops working as soon as the
 * search gives up on it, instead of holding its connection until its query ends. Its statements are also
 * planned for the pattern at hand every time ({@code plan_cache_mode}): a plan cached for "some pattern"
 * cannot tell a substring found in every other row from one found in none, and walking an index in order
 * for the latter reads the whole table.
 */
@Stateless
public class SourceCall {

    @PersistenceContext
    EntityManager em;

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public List<SearchHit> search(SearchSource source, String needle, int limit, Duration timeout) {
        // The source's queries run in this transaction, hence on this connection, with this limit.
        em.createNativeQuery("SELECT set_config('statement_timeout', ?1, true), "
                        + "set_config('plan_cache_mode', 'force_custom_plan', true)")
                .setParameter(1, Long.toString(Math.max(1, timeout.toMillis())))
                .getSingleResult();
        return source.search(needle, limit);
    }
}
