package io.paddock.platform.rest;

import java.io.File;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.servlet.annotation.WebServlet;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Application;

import io.paddock.platform.security.AccessDeclaration;
import io.paddock.platform.security.EndpointDeclarations;

/**
 * Paddock's own classes as the OpenAPI filter needs them: every class under {@code io.paddock} that the
 * application's class loader sees, and the endpoints among them keyed as the document keys its operations
 * ({@code "GET /api/races/{raceId}"}), each with the Java method and the access it declares.
 */
final class ApiClasses {

    private static final Logger LOG = Logger.getLogger(ApiClasses.class.getName());
    private static final String ROOT = "io/paddock/";

    /** One documented endpoint: the resource method (none for a servlet) and who may call it. */
    record Endpoint(Class<?> type, Method method, Optional<AccessDeclaration> access) {
    }

    private final List<Class<?>> classes;
    private final Map<String, Endpoint> endpoints;

    private ApiClasses(List<Class<?>> classes) {
        this.classes = classes;
        this.endpoints = index(classes);
    }

    static ApiClasses of(Collection<Class<?>> classes) {
        List<Class<?>> sorted = new ArrayList<>(classes);
        sorted.sort(Comparator.comparing(Class::getName));
        return new ApiClasses(List.copyOf(sorted));
    }

    /** The classes under {@code io/paddock/} in every class-path root of the loader (folders and jars). */
    static ApiClasses scan(ClassLoader loader) {
        Set<String> names = new LinkedHashSet<>();
        try {
            Enumeration<URL> roots = loader.getResources(ROOT);
            for (URL root : Collections.list(roots)) {
                collect(root, names);
            }
            // Some class loaders list no folders: the folder this class came from is one of the roots too.
            URL self = ApiClasses.class.getResource(ApiClasses.class.getSimpleName() + ".class");
            String own = ApiClasses.class.getName().replace('.', '/') + ".class";
            if (self != null && self.toString().endsWith(own)) {
                String text = self.toString();
                collect(new URL(text.substring(0, text.length() - own.length()) + ROOT), names);
            }
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Could not list the application's classes for the OpenAPI document", e);
        }
        List<Class<?>> found = new ArrayList<>();
        for (String name : names) {
            try {
                found.add(Class.forName(name, false, loader));
            } catch (ClassNotFoundException | LinkageError e) {
                LOG.log(Level.FINE, "Skipped " + name + " for the OpenAPI document: " + e);
            }
        }
        return of(found);
    }

    List<Class<?>> classes() {
        return classes;
    }

    /** The endpoint behind an operation of the document, e.g. {@code endpoint("POST", "/api/races")}. */
    Optional<Endpoint> endpoint(String httpMethod, String path) {
        return Optional.ofNullable(endpoints.get(httpMethod.toUpperCase(Locale.ROOT) + " " + template(path)));
    }

    private static Map<String, Endpoint> index(List<Class<?>> classes) {
        String applicationPath = classes.stream()
                .filter(type -> Application.class.isAssignableFrom(type) && type.isAnnotationPresent(ApplicationPath.class))
                .map(type -> type.getAnnotation(ApplicationPath.class).value()).findFirst().orElse("");
        Map<String, Endpoint> index = new LinkedHashMap<>();
        for (Class<?> type : classes) {
            if (type.isAnnotationPresent(Path.class) && !type.isInterface() && !Modifier.isAbstract(type.getModifiers())) {
                for (Method method : type.getMethods()) {
                    for (String verb : httpMethods(method)) {
                        String path = join(applicationPath, type.getAnnotation(Path.class).value(),
                                method.isAnnotationPresent(Path.class) ? method.getAnnotation(Path.class).value() : "");
                        index.putIfAbsent(verb + " " + template(path),
                                new Endpoint(type, method, AccessDeclaration.effective(method, type)));
                    }
                }
            }
        }
        // Servlets after resources: where both serve a path (the plugin's heartbeat), the resource method documents it.
        for (Class<?> type : classes) {
            WebServlet servlet = type.getAnnotation(WebServlet.class);
            if (servlet != null) {
                List<AccessDeclaration> declared = AccessDeclaration.declaredOn(type);
                Optional<AccessDeclaration> access = declared.size() == 1 ? Optional.of(declared.get(0)) : Optional.empty();
                for (String mapping : servlet.urlPatterns().length > 0 ? servlet.urlPatterns() : servlet.value()) {
                    for (String verb : List.of("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS")) {
                        index.putIfAbsent(verb + " " + template(mapping), new Endpoint(type, null, access));
                    }
                }
            }
        }
        return index;
    }

    private static List<String> httpMethods(Method method) {
        return Arrays.stream(method.getAnnotations())
                .map(annotation -> annotation.annotationType().getAnnotation(HttpMethod.class))
                .filter(designator -> designator != null).map(HttpMethod::value).toList();
    }

    /** A path template in one form: single slashes, no trailing slash, no regular expressions in {@code {name: regex}}. */
    static String template(String path) {
        return join(path.replaceAll("\\{\\s*([\\w.-]+)\\s*:[^}]*}", "{$1}"));
    }

    private static String join(String... parts) {
        return EndpointDeclarations.join(parts);
    }

    private static void collect(URL root, Set<String> names) throws IOException {
        if ("file".equals(root.getProtocol())) {
            try {
                File directory = new File(root.toURI());
                walk(directory, ROOT, names);
            } catch (URISyntaxException | IllegalArgumentException e) {
                LOG.log(Level.FINE, "Skipped " + root + " for the OpenAPI document: " + e);
            }
            return;
        }
        URLConnection connection = root.openConnection();
        if (connection instanceof JarURLConnection jar) {
            connection.setUseCaches(false);
            try (JarFile file = jar.getJarFile()) {
                for (JarEntry entry : Collections.list(file.entries())) {
                    addClass(entry.getName(), names);
                }
            }
        }
    }

    private static void walk(File directory, String prefix, Set<String> names) {
        File[] entries = directory.listFiles();
        if (entries == null) {
            return;
        }
        Arrays.sort(entries);
        for (File entry : entries) {
            if (entry.isDirectory()) {
                walk(entry, prefix + entry.getName() + "/", names);
            } else {
                addClass(prefix + entry.getName(), names);
            }
        }
    }

    private static void addClass(String entry, Set<String> names) {
        if (entry.startsWith(ROOT) && entry.endsWith(".class") && !entry.endsWith("module-info.class")
                && !entry.endsWith("package-info.class")) {
            names.add(entry.substring(0, entry.length() - ".class".length()).replace('/', '.'));
        }
    }
}
