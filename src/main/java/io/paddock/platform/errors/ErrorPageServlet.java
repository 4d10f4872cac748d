package io.paddock.platform.errors;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.PermitAll;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.paddock.platform.web.RequestGuard;
import io.paddock.platform.web.RequestIdFilter;

/**
 * What the container answers when it refuses a request itself (a method the static files do not take, a
 * path outside any servlet, an exception no mapper saw): web.xml sends every error status here. Under
 * {@code /api} the answer is problem+json with the same types the JAX-RS mappers use; pages get the site's
 * own {@code 404.html} or {@code error.html}. Nothing names the server or its version.
 * Asked for directly, it answers as for a missing page.
 */
@WebServlet(name = "error-page", urlPatterns = ErrorPageServlet.PATH)
@PermitAll
public class ErrorPageServlet extends HttpServlet {

    /** Where web.xml's error pages point. */
    public static final String PATH = "/error";

    private static final long serialVersionUID = 1L;

    /** Statuses the container answers that JAX-RS's table does not describe. */
    private static final Map<Integer, WebApplicationExceptionMapper.Kind> CONTAINER_KINDS = Map.of(
            431, new WebApplicationExceptionMapper.Kind(RequestGuard.HEADER_TOO_LARGE,
                    RequestGuard.HEADER_TOO_LARGE_TITLE, RequestGuard.HEADER_TOO_LARGE_DETAIL),
            501, new WebApplicationExceptionMapper.Kind("not-implemented", "Not implemented",
                    "The server does not support this HTTP method."),
            503, new WebApplicationExceptionMapper.Kind("service-unavailable", "Service unavailable",
                    "The server cannot take this request right now; try again shortly."));

    private transient byte[] notFoundPage;
    private transient byte[] errorPage;

    @Override
    public void init() throws ServletException {
        notFoundPage = read("/404.html");
        errorPage = read("/error.html");
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer number ? number : 404;
        Object original = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String path = original instanceof String uri ? uri : request.getRequestURI();
        Object failure = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        response.resetBuffer();
        if (RequestGuard.isApi(path)) {
            writeProblem(request, response, status, failure instanceof Throwable thrown ? thrown : null);
        } else {
            writePage(response, status);
        }
    }

    private static void writeProblem(HttpServletRequest request, HttpServletResponse response, int status,
            Throwable failure) throws IOException {
        PaddockException refusal = failure == null ? null : ServletProblems.refusalOf(failure);
        if (refusal != null) {
            ServletProblems.write(request, response, refusal);
            return;
        }
        if (status == 500) {
            // The container logged the failure with its stack trace already.
            ServletProblems.write(request, response, 500, UnexpectedExceptionMapper.SLUG,
                    UnexpectedExceptionMapper.TITLE,
                    UnexpectedExceptionMapper.detail(RequestIdFilter.requestIdOf(request)),
                    List.of());
            return;
        }
        WebApplicationExceptionMapper.Kind kind = kindOf(status);
        ServletProblems.write(request, response, status, kind.slug(), kind.title(), kind.detail(), List.of());
    }

    /** The problem slug, title and detail for an HTTP error status, from the same table JAX-RS refusals use. */
    static WebApplicationExceptionMapper.Kind kindOf(int status) {
        WebApplicationExceptionMapper.Kind kind = CONTAINER_KINDS.get(status);
        if (kind != null) {
            return kind;
        }
        try {
            return WebApplicationExceptionMapper.kindOf(status);
        } catch (IllegalArgumentException unknown) {
            return new WebApplicationExceptionMapper.Kind("http-" + status, "HTTP " + status, null);
        }
    }

    private void writePage(HttpServletResponse response, int status) throws IOException {
        byte[] page = status == 404 ? notFoundPage : errorPage;
        response.setStatus(status);
        response.setContentType("text/html;charset=UTF-8");
        response.setContentLength(page.length);
        response.getOutputStream().write(page);
    }

    private byte[] read(String page) throws ServletException {
        try (InputStream in = getServletContext().getResourceAsStream(page)) {
            if (in == null) {
                throw new ServletException(page + " is missing from the WAR.");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new ServletException("Could not read " + page + ".", e);
        }
    }
}
