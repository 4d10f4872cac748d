package io.paddock.platform.config;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The address users and clients reach Paddock at ({@code paddock.public-url}), read once and normalised
 * once: surrounding blanks and trailing slashes removed, so {@code https://paddock.example/} and
 * {@code https://paddock.example} build the same links.
 */
@ApplicationScoped
public class PublicUrl {

    static final String DEFAULT = "http://localhost:8080";

    @Inject
    @ConfigProperty(name = "paddock.public-url", defaultValue = DEFAULT)
    String configured;

    private String base;

    @PostConstruct
    void normalise() {
        base = normalise(configured);
    }

    /** A value built outside CDI, e.g. in a unit test. */
    public static PublicUrl of(String url) {
        PublicUrl publicUrl = new PublicUrl();
        publicUrl.configured = url;
        publicUrl.normalise();
        return publicUrl;
    }

    static String normalise(String url) {
        String trimmed = url == null || url.isBlank() ? DEFAULT : url.strip();
        int end = trimmed.length();
        while (end > 0 && trimmed.charAt(end - 1) == '/') {
            end--;
        }
        return trimmed.substring(0, end);
    }

    /** The base without a trailing slash, e.g. {@code https://paddock.example}. */
    public String base() {
        return base;
    }

    /** The absolute URL of a path on this server; {@code resolve("/auth/callback")}. */
    public String resolve(String path) {
        return path.startsWith("/") ? base + path : base + "/" + path;
    }

    /** The same address with {@code ws}/{@code wss} for {@code http}/{@code https}. */
    public String websocketBase() {
        return base.replaceFirst("^http", "ws");
    }

    /** Whether users reach Paddock over https (session cookies are then {@code Secure}). */
    public boolean isHttps() {
        return base.startsWith("https:");
    }

    @Override
    public String toString() {
        return base;
    }
}
