package io.paddock.identity;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.annotation.security.PermitAll;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.websocket.server.ServerEndpoint;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import org.glassfish.jersey.server.ExtendedResourceContext;
import org.glassfish.jersey.server.model.Resource;
import org.glassfish.jersey.server.model.ResourceMethod;

import io.paddock.platform.security.EndpointDeclarations;

/**
 * Test-only (deployed by {@link AccessControlIT}): every route of ours that the running server serves, read from
 * what the container deployed rather than from our annotations: JAX-RS methods from Jersey's resource model,
 * servlets from the servlet context's registrations, socket endpoints from the classes in the WAR (the WebSocket
 * API lists none). Routes of the container (JAX-RS's generated OPTIONS, health, metrics, OpenAPI) are left out.
 */
@Path("test-routes")
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
public class RoutesResource {

    /** One route: an HTTP method (or {@code *} for a servlet that answers any, {@code WS} for a socket) and a path. */
    public record Route(String method, String path, String handler) {
    }

    private static final String OURS = "io.paddock.";

    @Context
    ExtendedResourceContext resources;

    @Context
    UriInfo uri;

    @Context
    ServletContext servletContext;

    @GET
    public List<Route> routes() {
        Set<Route> routes = new LinkedHashSet<>();
        for (Resource resource : resources.getResourceModel().getRootResources()) {
            jaxrs(uri.getBaseUri().getPath(), resource, routes);
        }
        for (ServletRegistration servlet : servletContext.getServletRegistrations().values()) {
            if (servlet.getClassName() != null && servlet.getClassName().startsWith(OURS)) {
                for (String mapping : servlet.getMappings()) {
                    for (String method : servletMethods(servlet.getClassName())) {
                        routes.add(new Route(method, join(servletContext.getContextPath(), mapping),
                                servlet.getClassName()));
                    }
                }
            }
        }
        sockets("/WEB-INF/classes/", routes);
        List<Route> sorted = new ArrayList<>(routes);
        sorted.sort(Comparator.comparing(Route::path).thenComparing(Route::method));
        return sorted;
    }

    private static void jaxrs(String prefix, Resource resource, Set<Route> into) {
        String path = join(prefix, resource.getPath() == null ? "" : resource.getPath());
        for (ResourceMethod method : resource.getAllMethods()) {
            Class<?> handler = method.getInvocable().getHandler().getHandlerClass();
            if (handler.getName().startsWith(OURS)) {
                into.add(new Route(method.getHttpMethod() == null ? "LOCATOR" : method.getHttpMethod(), path,
                        handler.getName() + "." + method.getInvocable().getDefinitionMethod().getName()));
            }
        }
        for (Resource child : resource.getChildResources()) {
            jaxrs(path, child, into);
        }
    }

    /** The HTTP methods a servlet implements: its doXxx overrides, or any when it overrides service itself. */
    private List<String> servletMethods(String className) {
        List<String> methods = new ArrayList<>();
        try {
            for (Class<?> type = Class.forName(className, false, servletContext.getClassLoader());
                    type != null && type != HttpServlet.class; type = type.getSuperclass()) {
                for (Method method : type.getDeclaredMethods()) {
                    List<Class<?>> parameters = List.of(method.getParameterTypes());
                    if (!parameters.equals(List.of(HttpServletRequest.class, HttpServletResponse.class))) {
                        continue;
                    }
                    switch (method.getName()) {
                        case "service" -> methods.add("*");
                        case "doGet" -> methods.add("GET");
                        case "doPost" -> methods.add("POST");
                        case "doPut" -> methods.add("PUT");
                        case "doDelete" -> methods.add("DELETE");
                        default -> {
                        }
                    }
                }
            }
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
        return methods;
    }

    private void sockets(String directory, Set<Route> into) {
        Set<String> entries = servletContext.getResourcePaths(directory);
        if (entries == null) {
            return;
        }
        for (String entry : entries) {
            if (entry.endsWith("/")) {
                sockets(entry, into);
            } else if (entry.endsWith(".class")) {
                String name = entry.substring("/WEB-INF/classes/".length(), entry.length() - 6).replace('/', '.');
                try {
                    Class<?> type = Class.forName(name, false, servletContext.getClassLoader());
                    ServerEndpoint endpoint = type.getAnnotation(ServerEndpoint.class);
                    if (endpoint != null) {
                        into.add(new Route("WS", join(servletContext.getContextPath(), endpoint.value()), name));
                    }
                } catch (ClassNotFoundException | LinkageError e) {
                    // Not loadable, so not deployed either.
                }
            }
        }
    }

    private static String join(String... parts) {
        return EndpointDeclarations.join(parts);
    }
}
