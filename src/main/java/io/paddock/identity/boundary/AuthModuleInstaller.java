package io.paddock.identity.boundary;

import java.util.logging.Logger;

import jakarta.inject.Inject;
import jakarta.security.auth.message.config.AuthConfigFactory;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;

import io.paddock.identity.control.CallerResolver;
import io.paddock.platform.security.EndpointDeclarations;
import io.paddock.platform.security.SignedPaths;

/**
 * At startup, before the first request is served: refuses the deployment when an endpoint does not declare
 * its access ({@link EndpointDeclarations}: an exception here stops the application), then registers
 * {@link PaddockAuthModule} for this application (Jakarta Authentication 3.0's {@code registerServerAuthModule})
 * with the paths of the signed endpoints, where it resolves no user.
 */
@WebListener
public class AuthModuleInstaller implements ServletContextListener {

    private static final Logger LOG = Logger.getLogger(AuthModuleInstaller.class.getName());

    @Inject
    CallerResolver callers;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        EndpointDeclarations.Inspection inspection = EndpointDeclarations.inspect(event.getServletContext());
        SignedPaths signed = inspection.requireDeclared();
        LOG.info(() -> "Access declared on all " + inspection.endpoints() + " endpoints; signed paths: " + signed);
        AuthConfigFactory.getFactory().registerServerAuthModule(
                new PaddockAuthModule(callers, signed), event.getServletContext());
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        AuthConfigFactory factory = AuthConfigFactory.getFactory();
        if (factory != null) {
            factory.removeServerAuthModule(event.getServletContext());
        }
    }
}
