package io.paddock.testing;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;

import com.fasterxml.jackson.databind.JsonNode;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * What a black-box integration test of the WAR with test support starts with: the deployment (the same
 * archive, so such classes share one server), the server's address, an HTTP client and the calls every
 * such test makes. A class that deploys another archive does not extend it.
 */
public abstract class BlackBox {

    @Deployment(testable = false)
    public static WebArchive deployment() {
        return Deployments.paddockWithTestSupport();
    }

    @ArquillianResource
    protected URL base;

    protected final HttpClient client = HttpClient.newHttpClient();

    protected Http http() {
        return new Http(base);
    }

    /** The bearer header pair of a user minted by {@link Http#newUser(String)}. */
    protected String[] auth(JsonNode user) {
        return http().bearer(user.path("accessToken").asText());
    }

    /** A path of the server; the injected base may lack its trailing slash. */
    protected URI at(String path) {
        String root = base.toString().endsWith("/") ? base.toString() : base + "/";
        return URI.create(root + path);
    }
}
