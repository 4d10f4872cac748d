package io.paddock.platform.web;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.paddock.platform.errors.Problem;
import io.paddock.platform.errors.ServletProblems;
import io.paddock.platform.json.InputLimits;

/**
 * The text rule of JSON bodies ({@link InputLimits#textViolation}) for query parameters: a {@code %00}
 * in any query value of the API, the sign-in paths or the sockets is a 400 validation problem naming
 * the parameter, before any endpoint reads it. (Paths with {@code %00} never get this far, the
 * container refuses them; no endpoint takes form bodies.) Only a query that carries {@code %00} is
 * decoded here: the container decodes malformed UTF-8 to U+FFFD, so NUL is the one character to catch.
 * <p>
 * Mapped in web.xml, where the filters' order is written down.
 */
public class QueryTextFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String refused = refusedParameter(request.getQueryString());
        if (refused != null) {
            ServletProblems.write(request, response, 400, "validation", "Invalid input",
                    "Some fields are missing or invalid; see errors.",
                    List.of(new Problem.FieldError(refused, "must not contain the NUL character (U+0000)")));
            return;
        }
        chain.doFilter(request, response);
    }

    /** The name of the first query parameter whose name or value decodes to text with NUL, or null. */
    static String refusedParameter(String query) {
        if (query == null || !query.contains("%00")) {
            return null;
        }
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            String name = decoded(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decoded(pair.substring(equals + 1));
            boolean badName = name != null && InputLimits.textViolation(name) != null;
            if (badName || value != null && InputLimits.textViolation(value) != null) {
                return badName || name == null ? "query" : name;
            }
        }
        return null;
    }

    private static String decoded(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return text.contains("%00") ? "\0" : null;
        }
    }
}
