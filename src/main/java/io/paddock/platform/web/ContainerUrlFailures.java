package io.paddock.platform.web;

import java.util.logging.Filter;
import java.util.logging.Logger;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;

/**
 * Payara decodes the request path before any code of ours runs; a {@code %} without two hex digits
 * ({@code /%}, {@code /api/races/%ZZ}) makes its decoder throw, and the container logs a 30-line SEVERE
 * stack trace for each such request (and answers an empty 200 that no setting changes; see
 * docs/operations.md, "Error answers and request limits"). This filter on the container's logger
 * turns exactly those records into one line; every other record passes as before.
 */
@WebListener
public class ContainerUrlFailures implements ServletContextListener {

    /** The logger of Payara's web container core (CoyoteAdapter's request-processing failures). */
    static final String CONTAINER_LOGGER = "jakarta.enterprise.web.core";
    static final String DECODER = "org.glassfish.grizzly.http.util.URLDecoder";

    private static final Logger LOG = Logger.getLogger(ContainerUrlFailures.class.getName());

    /** Held strongly: a logger nobody references may be collected, and its filter with it. */
    private Logger container;
    private Filter previous;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        container = Logger.getLogger(CONTAINER_LOGGER);
        previous = container.getFilter();
        Filter before = previous;
        container.setFilter(record -> {
            if (isUrlDecoding(record.getThrown())) {
                LOG.info(() -> "Refused a malformed URL before Paddock saw it (" + MalformedUrls.printable(
                        record.getThrown().getMessage()) + "); rid=- (the container answered it)");
                return false;
            }
            return before == null || before.isLoggable(record);
        });
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        if (container != null) {
            container.setFilter(previous);
        }
    }

    /** Whether a failure is Grizzly's URL decoder refusing a request path. */
    static boolean isUrlDecoding(Throwable thrown) {
        if (!(thrown instanceof IllegalArgumentException || thrown instanceof IllegalStateException)) {
            return false;
        }
        StackTraceElement[] frames = thrown.getStackTrace();
        return frames.length > 0 && DECODER.equals(frames[0].getClassName());
    }
}
