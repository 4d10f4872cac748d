package io.paddock.identity.control;

import java.util.UUID;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import io.paddock.identity.entity.User;

/** Loads the suspended accounts into {@link Suspensions} before the node serves requests. */
@Startup
@Singleton
@DependsOn("DatabaseMigrator")
public class SuspensionsAtStartup {

    @PersistenceContext
    EntityManager em;

    @Inject
    Suspensions suspensions;

    @PostConstruct
    void load() {
        suspensions.loaded(em.createNamedQuery(User.SUSPENDED_IDS, UUID.class).getResultList());
    }
}
