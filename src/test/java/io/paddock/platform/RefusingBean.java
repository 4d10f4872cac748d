package io.paddock.platform;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import io.paddock.platform.errors.ConflictException;

/** Test-only EJB: writes, then refuses, to show that a business refusal rolls the write back. */
@Stateless
public class RefusingBean {

    @PersistenceContext
    EntityManager em;

    public void insertThenRefuse(int id) {
        em.createNativeQuery("INSERT INTO probe_rows (id) VALUES (?)").setParameter(1, id).executeUpdate();
        throw new ConflictException("probe-refused", "Refused", "Refused after writing row " + id + ".");
    }

    public void insert(int id) {
        em.createNativeQuery("INSERT INTO probe_rows (id) VALUES (?)").setParameter(1, id).executeUpdate();
    }

    public String currentDatabase() {
        return (String) em.createNativeQuery("SELECT current_database()").getSingleResult();
    }
}
