package io.paddock.platform.web;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.annotation.security.PermitAll;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The pages' clean addresses: {@code /race/{id}} serves race.html, {@code /invite/{token}} invite.html,
 * {@code /races/new} race-new.html, {@code /auth/token} token.html, {@code /blog/{slug}} blog.html and
 * {@code /gate}, {@code /account}, {@code /admin}, {@code /blog} …
 * the page of that name; a browser that asks for the {@code .html} file is sent (301) to its clean address,
 * the page's id or token moving from the query into the path and the rest of the query kept. An
 * {@code .html} file without a clean address (the error pages, a page not listed yet) is served as it is.
 * Files go out through the container's default servlet, behind the same filters as every request.
 */
@WebServlet(name = "page-addresses", urlPatterns = {"*.html", "/race/*", "/invite/*", "/races/new", "/auth/token",
        "/gate", "/account", "/podiums", "/status", "/signin", "/register", "/verify", "/reset", "/qr",
        "/my-results", "/admin", "/blog/*", "/pricing", "/billing", "/transfers", "/discord", "/api-reference"})
@PermitAll // static pages: whatever they show comes from the API, which checks its callers
public class PageAddresses extends HttpServlet {

    private static final long serialVersionUID = 1L;

    /** Pages served at {@code /<name>} from {@code /<name>.html}. */
    static final Set<String> SIMPLE = Set.of("gate", "account", "podiums", "status", "signin", "register", "verify",
            "reset", "qr", "my-results", "admin", "blog", "pricing", "billing", "transfers", "discord", "api-reference");

    /** Clean addresses of fixed paths, and the file behind each. */
    static final Map<String, String> FIXED = Map.of("/races/new", "/race-new.html", "/auth/token", "/token.html");

    private static final Pattern RACE = Pattern.compile("/race/([0-9A-Za-z-]{1,64})(/manage)?/?");
    private static final Pattern INVITE = Pattern.compile("/invite/([0-9A-Za-z_-]{1,200})/?");
    private static final Pattern ARTICLE = Pattern.compile("/blog/([a-z0-9-]{1,80})/?");

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (request.getDispatcherType() == DispatcherType.REQUEST && path.endsWith(".html")) {
            Optional<String> clean = cleanAddress(path, request.getQueryString());
            if (clean.isPresent()) {
                response.setStatus(HttpServletResponse.SC_MOVED_PERMANENTLY);
                response.setHeader("Location", request.getContextPath() + clean.get());
                return;
            }
        }
        if (request.getDispatcherType() != DispatcherType.REQUEST || path.endsWith(".html") || path.isEmpty()
                || path.equals("/")) {
            // A forward from below, an .html file without a clean address, or the welcome page.
            getServletContext().getNamedDispatcher("default").forward(request, response);
            return;
        }
        Optional<String> file = file(path);
        if (file.isEmpty()) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        RequestDispatcher page = request.getRequestDispatcher(file.get());
        page.forward(request, response);
    }

    /** The page file behind a clean address, if it is one. */
    static Optional<String> file(String path) {
        if (FIXED.containsKey(path)) {
            return Optional.of(FIXED.get(path));
        }
        if (RACE.matcher(path).matches()) {
            return Optional.of("/race.html");
        }
        if (INVITE.matcher(path).matches()) {
            return Optional.of("/invite.html");
        }
        if (ARTICLE.matcher(path).matches()) {
            return Optional.of("/blog.html");
        }
        String name = path.startsWith("/") ? path.substring(1) : path;
        return SIMPLE.contains(name) ? Optional.of("/" + name + ".html") : Optional.empty();
    }

    /** The clean address of an {@code .html} path with its query, or empty when it has none. */
    static Optional<String> cleanAddress(String path, String query) {
        List<String[]> params = parse(query);
        String name = path.substring(1, path.length() - ".html".length());
        String target;
        switch (name) {
            case "index", "races" -> target = "/";
            case "race-new" -> target = "/races/new";
            case "token" -> target = "/auth/token";
            case "race" -> target = take(params, "id").map(id -> "/race/" + id).orElse("/");
            case "invite" -> target = take(params, "token").map(t -> "/invite/" + t).orElse("/");
            case "blog" -> target = take(params, "slug").map(slug -> "/blog/" + slug).orElse("/blog");
            default -> {
                if (!SIMPLE.contains(name)) {
                    return Optional.empty();
                }
                target = "/" + name;
            }
        }
        return Optional.of(target + rest(params));
    }

    /** Removes the parameter and returns its value when it is a plain path segment. */
    private static Optional<String> take(List<String[]> params, String name) {
        for (int i = 0; i < params.size(); i++) {
            String[] p = params.get(i);
            if (p[0].equals(name) && p[1] != null && p[1].matches("[0-9A-Za-z_-]{1,200}")) {
                params.remove(i);
                return Optional.of(p[1]);
            }
        }
        return Optional.empty();
    }

    private static List<String[]> parse(String query) {
        List<String[]> params = new ArrayList<>();
        if (query == null || query.isEmpty()) {
            return params;
        }
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? null : pair.substring(eq + 1);
            params.add(new String[] {key, value, pair});
        }
        return params;
    }

    /** The parameters left, as they came (already encoded). */
    private static String rest(List<String[]> params) {
        if (params.isEmpty()) {
            return "";
        }
        StringBuilder query = new StringBuilder("?");
        for (String[] p : params) {
            if (query.length() > 1) {
                query.append('&');
            }
            query.append(p[2]);
        }
        return query.toString();
    }
}
