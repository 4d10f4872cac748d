package io.paddock.identity.control;

import java.time.Clock;
import java.util.Optional;
import java.util.logging.Logger;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.paddock.identity.entity.Role;
import io.paddock.identity.entity.User;

/**
 * First start: when {@code paddock.bootstrap.superadmin.email} is set and no superadmin exists,
 * that account becomes superadmin — created (email verified) with
 * {@code paddock.bootstrap.superadmin.password} if it does not exist yet. Later starts change nothing.
 */
@Startup
@Singleton
@DependsOn("DatabaseMigrator")
public class SuperadminBootstrap {

    private static final Logger LOG = Logger.getLogger(SuperadminBootstrap.class.getName());

    @PersistenceContext
    EntityManager em;

    @Inject
    Accounts accounts;

    @Inject
    Passwords passwords;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "paddock.bootstrap.superadmin.email")
    Optional<String> email;

    @Inject
    @ConfigProperty(name = "paddock.bootstrap.superadmin.password")
    Optional<String> password;

    @PostConstruct
    void bootstrap() {
        if (email.isEmpty() || email.get().isBlank()) {
            return;
        }
        boolean superadminExists = !em.createNamedQuery(User.BY_ROLE, User.class).setParameter("role", Role.SUPERADMIN)
                .setMaxResults(1).getResultList().isEmpty();
        if (superadminExists) {
            return;
        }
        Optional<User> existing = accounts.byEmail(email.get());
        if (existing.isPresent()) {
            existing.get().grant(Role.SUPERADMIN);
            LOG.info(() -> "Granted superadmin to the existing account " + existing.get().email());
            return;
        }
        if (password.isEmpty() || password.get().length() < Passwords.MIN_LENGTH) {
            LOG.warning("paddock.bootstrap.superadmin.email is set but no account has it and "
                    + "paddock.bootstrap.superadmin.password is missing or shorter than " + Passwords.MIN_LENGTH
                    + " characters: no superadmin was created.");
            return;
        }
        User admin = User.withEmail("Administrator", email.get(), passwords.hash(password.get()), clock.instant(),
                clock.instant());
        admin.verifyEmail(clock.instant());
        admin.grant(Role.SUPERADMIN);
        em.persist(admin);
        em.persist(new io.paddock.identity.entity.LinkedIdentity(admin, io.paddock.identity.entity.Provider.EMAIL,
                admin.email(), clock.instant()));
        LOG.info(() -> "Created the superadmin account " + admin.email());
    }
}
