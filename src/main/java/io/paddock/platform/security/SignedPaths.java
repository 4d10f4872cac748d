package io.paddock.platform.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The request paths of {@link Signed} endpoints, computed once at startup ({@link EndpointDeclarations}).
 * Exact paths are one hash lookup; a path template ({@code /api/hooks/{source}}) matches one segment per
 * variable, and a servlet's {@code /prefix/*} everything below the prefix.
 */
public final class SignedPaths {

    private final Set<String> exact;
    private final List<Pattern> patterns;
    private final Set<String> declared;

    private SignedPaths(Set<String> exact, List<Pattern> patterns, Set<String> declared) {
        this.exact = exact;
        this.patterns = patterns;
        this.declared = declared;
    }

    public static SignedPaths of(Collection<String> paths) {
        Set<String> exact = new HashSet<>();
        List<Pattern> patterns = new ArrayList<>();
        for (String path : paths) {
            if (path.endsWith("/*")) {
                String prefix = path.substring(0, path.length() - 2);
                exact.add(prefix);
                patterns.add(Pattern.compile(Pattern.quote(prefix) + "/.*"));
            } else if (path.contains("{")) {
                patterns.add(Pattern.compile(Pattern.quote(path).replaceAll("\\{[^}/]*}", "\\\\E[^/]+\\\\Q")));
            } else {
                exact.add(path);
            }
        }
        return new SignedPaths(Set.copyOf(exact), List.copyOf(patterns), new TreeSet<>(paths));
    }

    /** Whether a request to this path (the request URI, without query) goes to a signed endpoint. */
    public boolean contains(String path) {
        if (exact.contains(path)) {
            return true;
        }
        for (Pattern pattern : patterns) {
            if (pattern.matcher(path).matches()) {
                return true;
            }
        }
        return false;
    }

    /** The paths as declared, for the startup log. */
    public Set<String> declared() {
        return declared;
    }

    @Override
    public String toString() {
        return declared.toString();
    }
}
