package io.paddock.platform.config;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.regex.Pattern;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The address users and clients reach Paddock at ({@code paddock.public-url}), read once and normalised
 * once: surrounding blanks and trailing slashes removed, so {@code https://paddock.example/} and
 * {@code https://paddock.example} build the same links. At startup it warns once when the address is plain
 * http on a host other than this machine: sign-ins, tokens and session cookies would cross the network
 * in clear text.
 */
@ApplicationScoped
public class PublicUrl {

    static final String DEFAULT = "http://localhost:8080";

    private static final Logger LOG = Logger.getLogger(PublicUrl.class.getName());
    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1?\\d?\\d)(\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)){3}");

    @Inject
    @ConfigProperty(name = "paddock.public-url", defaultValue = DEFAULT)
    String configured;

    private String base;

    @PostConstruct
    void normalise() {
        base = normalise(configured);
    }

    /** Observing the application's start creates this bean then, so the warning comes once, at startup. */
    void warnAtStartup(@Observes @Initialized(ApplicationScoped.class) Object started) {
        plainHttpWarning(base).ifPresent(LOG::warning);
    }

    /**
     * The warning an operator should read when users reach Paddock over plain http from elsewhere, or empty
     * for https and for this machine's own addresses (localhost, 127.0.0.0/8, ::1), where http is harmless.
     */
    static Optional<String> plainHttpWarning(String base) {
        String host;
        try {
            URI uri = new URI(base);
            if (!"http".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
                return Optional.empty();
            }
            host = uri.getHost();
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
        if (isLoopback(host)) {
            return Optional.empty();
        }
        return Optional.of("paddock.public-url is " + base + ": plain http on a host other than this machine. "
                + "Passwords, access and refresh tokens, API keys and session cookies (then sent without Secure) "
                + "cross the network in clear text. Serve Paddock over https (a TLS-terminating proxy in front of "
                + "it) and set paddock.public-url to the https address.");
    }

    /** Whether a URL's host names this machine, decided from the text alone (no DNS lookup). */
    static boolean isLoopback(String host) {
        String name = host.toLowerCase(Locale.ROOT);
        if (name.equals("localhost") || name.endsWith(".localhost")) {
            return true;
        }
        if (IPV4.matcher(name).matches()) {
            return name.startsWith("127.");
        }
        if (name.startsWith("[") && name.endsWith("]") && name.indexOf(':') > 0) {
            try {
                // A literal with a colon is parsed as IPv6, never looked up.
                return InetAddress.getByName(name.substring(1, name.length() - 1)).isLoopbackAddress();
            } catch (UnknownHostException e) {
                return false;
            }
        }
        return false;
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
