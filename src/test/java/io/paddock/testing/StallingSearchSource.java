package io.paddock.testing;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import io.paddock.admin.control.SearchHit;
import io.paddock.admin.control.SearchSource;

/**
 * Test-only search source (deployed by {@link Deployments#paddockWithTestSupport()}): for a query that
 * starts with {@value #TRIGGER} it asks PostgreSQL to sleep for a minute, far past the search's statement
 * timeout; for any other query it finds nothing, at once.
 */
@ApplicationScoped
public class StallingSearchSource implements SearchSource {

    public static final String TYPE = "test-stall";
    public static final String TRIGGER = "stall-";

    @PersistenceContext
    EntityManager em;

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public List<SearchHit> search(String needle, int limit) {
        if (needle.startsWith(TRIGGER)) {
            em.createNativeQuery("SELECT pg_sleep(60)").getSingleResult();
        }
        return List.of();
    }
}
