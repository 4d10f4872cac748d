package io.paddock.platform.security;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;
import jakarta.servlet.annotation.WebServlet;
import jakarta.websocket.server.ServerEndpoint;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Application;

/**
 * The deployment rule that access is never implied: every JAX-RS resource method, every servlet and every
 * WebSocket endpoint of ours declares who may call it, or the application does not start.
 * <p>
 * "Ours" is every class in the WAR's {@code WEB-INF/classes}. Left out, because the container provides
 * them and they serve none of our data: JAX-RS's own servlet, the default and JSP servlets, MicroProfile's
 * {@code /health}, {@code /metrics} and {@code /openapi}, and Arquillian's test runner (a library jar that
 * in-container tests add). What each kind may declare follows what enforces it:
 * <ul>
 * <li>a JAX-RS resource method, on itself or its class: {@code @PermitAll}, {@code @RolesAllowed},
 * {@code @DenyAll} (enforced per request by the identity module) or {@link Signed};</li>
 * <li>a servlet, on its class: {@code @PermitAll} (it checks its callers itself) or {@link Signed};
 * nothing would enforce roles there;</li>
 * <li>a WebSocket endpoint, on its class: {@code @PermitAll} (the handshake is open; the endpoint
 * authenticates its first message).</li>
 * </ul>
 * The same pass computes the paths of signed endpoints, so per-request code compares strings and never
 * reflects.
 */
public final class EndpointDeclarations {

    private static final Logger LOG = Logger.getLogger(EndpointDeclarations.class.getName());
    private static final String CLASSES = "/WEB-INF/classes/";

    /** What the check found: the refusals (one sentence each) and the paths that carry signed requests. */
    public record Inspection(List<String> violations, SignedPaths signedPaths, int endpoints) {

        /** Stops the deployment when anything is undeclared; otherwise the signed paths. */
        public SignedPaths requireDeclared() {
            if (!violations.isEmpty()) {
                throw new IllegalStateException("Deployment refused, access must be declared: "
                        + String.join(" ", violations));
            }
            return signedPaths;
        }
    }

    private EndpointDeclarations() {
    }

    /** Inspects the classes of this web application and the servlets registered with it. */
    public static Inspection inspect(ServletContext context) {
        ClassLoader loader = context.getClassLoader();
        Set<Class<?>> classes = new LinkedHashSet<>();
        collect(context, CLASSES, loader, classes);
        Map<Class<?>, Collection<String>> servlets = new LinkedHashMap<>();
        for (ServletRegistration registration : context.getServletRegistrations().values()) {
            classes.stream().filter(type -> type.getName().equals(registration.getClassName())).findFirst()
                    .ifPresent(type -> servlets.computeIfAbsent(type, t -> new LinkedHashSet<>())
                            .addAll(registration.getMappings()));
        }
        return inspect(classes, servlets, context.getContextPath());
    }

    /**
     * Inspects the given classes. {@code servletMappings} holds the URL patterns of servlets registered by
     * the container (annotated or not); a {@code @WebServlet} class not in it is judged by its annotation.
     */
    public static Inspection inspect(Collection<Class<?>> classes, Map<Class<?>, Collection<String>> servletMappings,
            String contextPath) {
        List<String> violations = new ArrayList<>();
        Map<String, String> signed = new LinkedHashMap<>(); // path → the endpoint that declared it
        Map<String, String> unsigned = new HashMap<>();
        Set<String> applicationPaths = classes.stream()
                .filter(type -> Application.class.isAssignableFrom(type) && type.isAnnotationPresent(ApplicationPath.class))
                .map(type -> type.getAnnotation(ApplicationPath.class).value()).collect(Collectors.toSet());
        String applicationPath = applicationPaths.size() == 1 ? applicationPaths.iterator().next() : null;
        int endpoints = 0;
        List<Class<?>> sorted = new ArrayList<>(classes);
        sorted.sort(Comparator.comparing(Class::getName));
        for (Class<?> type : sorted) {
            if (type.isAnnotationPresent(Path.class) && !type.isInterface()
                    && !Modifier.isAbstract(type.getModifiers())) {
                for (Method method : resourceMethods(type)) {
                    endpoints++;
                    String name = type.getName() + "." + method.getName() + "()";
                    List<AccessDeclaration> decisive = AccessDeclaration.declaredOn(method);
                    if (decisive.isEmpty()) {
                        decisive = AccessDeclaration.declaredOn(type);
                    }
                    if (decisive.isEmpty()) {
                        violations.add(name + " has no security declaration: add @PermitAll, @RolesAllowed, @DenyAll"
                                + " or @Signed to the method or its class.");
                        continue;
                    }
                    if (decisive.size() > 1) {
                        violations.add(name + " declares " + names(decisive) + " at once: keep one.");
                        continue;
                    }
                    String path = join(contextPath, applicationPath == null ? "" : applicationPath,
                            type.getAnnotation(Path.class).value(),
                            method.isAnnotationPresent(Path.class) ? method.getAnnotation(Path.class).value() : "");
                    if (decisive.get(0).kind() == AccessDeclaration.Kind.SIGNED) {
                        if (applicationPath == null) {
                            violations.add(name + " is @Signed but the application does not have exactly one"
                                    + " @ApplicationPath to place it under.");
                        } else if (path.contains(":")) {
                            violations.add(name + " is @Signed on a path template with a regular expression (" + path
                                    + "): use plain {name} segments.");
                        } else {
                            signed.putIfAbsent(path, name);
                        }
                    } else {
                        unsigned.putIfAbsent(path, name);
                    }
                }
            }
            boolean servlet = servletMappings.containsKey(type) || type.isAnnotationPresent(WebServlet.class);
            if (servlet) {
                endpoints++;
                Collection<String> mappings = servletMappings.containsKey(type) ? servletMappings.get(type)
                        : annotatedMappings(type.getAnnotation(WebServlet.class));
                String name = type.getName() + " (servlet " + String.join(", ", mappings) + ")";
                List<AccessDeclaration> declared = AccessDeclaration.declaredOn(type);
                if (declared.isEmpty()) {
                    violations.add(name + " has no security declaration: add @PermitAll (it checks its callers"
                            + " itself) or @Signed to the class.");
                } else if (declared.size() > 1) {
                    violations.add(name + " declares " + names(declared) + " at once: keep one.");
                } else if (declared.get(0).kind() == AccessDeclaration.Kind.SIGNED) {
                    for (String mapping : mappings) {
                        if (mapping.startsWith("/") && (!mapping.contains("*") || mapping.endsWith("/*")
                                && mapping.indexOf('*') == mapping.length() - 1)) {
                            signed.putIfAbsent(join(contextPath, mapping), name);
                        } else {
                            violations.add(name + " is @Signed on the mapping " + mapping
                                    + ", which is neither an exact path nor a /prefix/*.");
                        }
                    }
                } else if (declared.get(0).kind() != AccessDeclaration.Kind.PUBLIC) {
                    violations.add(name + " declares " + declared.get(0).annotation() + ", which nothing enforces"
                            + " on a servlet: check the caller in the servlet and declare @PermitAll.");
                } else {
                    mappings.forEach(mapping -> unsigned.putIfAbsent(join(contextPath, mapping), name));
                }
            }
            if (type.isAnnotationPresent(ServerEndpoint.class)) {
                endpoints++;
                String name = type.getName() + " (socket " + type.getAnnotation(ServerEndpoint.class).value() + ")";
                List<AccessDeclaration> declared = AccessDeclaration.declaredOn(type);
                if (declared.isEmpty()) {
                    violations.add(name + " has no security declaration: add @PermitAll to the class (the"
                            + " endpoint authenticates its first message itself).");
                } else if (declared.size() > 1 || declared.get(0).kind() != AccessDeclaration.Kind.PUBLIC) {
                    violations.add(name + " declares " + names(declared) + ", which nothing enforces on a"
                            + " WebSocket handshake: authenticate the first message and declare @PermitAll.");
                }
            }
        }
        for (Map.Entry<String, String> entry : signed.entrySet()) {
            String other = unsigned.get(entry.getKey());
            if (other != null) {
                violations.add(entry.getValue() + " is @Signed but " + other + " on the same path " + entry.getKey()
                        + " is not: user authentication is skipped by path, so a path is signed for all or none.");
            }
        }
        return new Inspection(List.copyOf(violations), SignedPaths.of(signed.keySet()), endpoints);
    }

    /** Public methods that JAX-RS routes to: those with an HTTP method designator, and sub-resource locators. */
    static List<Method> resourceMethods(Class<?> type) {
        List<Method> methods = new ArrayList<>();
        for (Method method : type.getMethods()) {
            boolean designated = Arrays.stream(method.getAnnotations())
                    .anyMatch(annotation -> annotation.annotationType().isAnnotationPresent(HttpMethod.class));
            if (designated || method.isAnnotationPresent(Path.class)) {
                methods.add(method);
            }
        }
        methods.sort(Comparator.comparing(Method::getName));
        return methods;
    }

    private static Collection<String> annotatedMappings(WebServlet servlet) {
        return List.of(servlet.urlPatterns().length > 0 ? servlet.urlPatterns() : servlet.value());
    }

    private static String names(List<AccessDeclaration> declarations) {
        return declarations.stream().map(AccessDeclaration::annotation).collect(Collectors.joining(" and "));
    }

    /** Joins path parts with single slashes: {@code join("", "api/", "/plugin", "heartbeat")} is {@code /api/plugin/heartbeat}. */
    public static String join(String... parts) {
        StringBuilder path = new StringBuilder();
        for (String part : parts) {
            for (String segment : part.split("/")) {
                if (!segment.isEmpty()) {
                    path.append('/').append(segment);
                }
            }
        }
        // A servlet's "/prefix/*" keeps its wildcard as the last segment; the root is "/".
        return path.length() == 0 ? "/" : path.toString();
    }

    private static void collect(ServletContext context, String directory, ClassLoader loader, Set<Class<?>> into) {
        Set<String> entries = context.getResourcePaths(directory);
        if (entries == null) {
            return;
        }
        for (String entry : entries) {
            if (entry.endsWith("/")) {
                collect(context, entry, loader, into);
            } else if (entry.endsWith(".class") && !entry.endsWith("module-info.class")
                    && !entry.endsWith("package-info.class")) {
                String name = entry.substring(CLASSES.length(), entry.length() - ".class".length()).replace('/', '.');
                try {
                    into.add(Class.forName(name, false, loader));
                } catch (ClassNotFoundException | LinkageError e) {
                    // A class that cannot load cannot be deployed as an endpoint either.
                    LOG.log(Level.FINE, "Skipped " + name + " in the access check: " + e);
                }
            }
        }
    }
}
