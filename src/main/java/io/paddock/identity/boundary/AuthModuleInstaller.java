package io.paddock.identity.boundary;

import jakarta.inject.Inject;
import jakarta.security.auth.message.config.AuthConfigFactory;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;

import io.paddock.identity.control.CallerResolver;

/**
 * Registers {@link PaddockAuthModule} for this application once, at startup (Jakarta Authentication 3.0's
 * {@code registerServerAuthModule}), before the first request is served.
 */
@WebListener
public class AuthModuleInstaller implements ServletContextListener {

    @Inject
    CallerResolver callers;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        AuthConfigFactory.getFactory().registerServerAuthModule(
                new PaddockAuthModule(callers), event.getServletContext());
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        AuthConfigFactory factory = AuthConfigFactory.getFactory();
        if (factory != null) {
            factory.removeServerAuthModule(event.getServletContext());
        }
    }
}
