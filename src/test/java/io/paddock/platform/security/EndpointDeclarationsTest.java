package io.paddock.platform.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.websocket.server.ServerEndpoint;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Application;

import org.junit.jupiter.api.Test;

class EndpointDeclarationsTest {

    @ApplicationPath("api")
    static class App extends Application {
    }

    @jakarta.ws.rs.Path("open")
    @RolesAllowed("user")
    public static class Declared {

        @GET
        @PermitAll
        public String list() {
            return "";
        }

        @POST
        public void create() {
        }

        @DenyAll
        @GET
        @jakarta.ws.rs.Path("{id}/secret")
        public String secret(@PathParam("id") String id) {
            return id;
        }
    }

    @jakarta.ws.rs.Path("undeclared")
    public static class Undeclared {

        @GET
        @PermitAll
        public String fine() {
            return "";
        }

        @POST
        @jakarta.ws.rs.Path("forgotten")
        public void forgotten() {
        }
    }

    @jakarta.ws.rs.Path("hooks")
    @Signed
    public static class Hooks {

        @POST
        @jakarta.ws.rs.Path("{source}")
        public void receive(@PathParam("source") String source) {
        }
    }

    @jakarta.ws.rs.Path("hooks/{source}")
    @PermitAll
    public static class HooksReader {

        @GET
        public String read() {
            return "";
        }
    }

    @jakarta.ws.rs.Path("both")
    public static class Both {

        @GET
        @PermitAll
        @RolesAllowed("admin")
        public String get() {
            return "";
        }
    }

    @WebServlet("/plain")
    public static class UndeclaredServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;
    }

    @WebServlet("/admin-only")
    @RolesAllowed("admin")
    public static class RoleServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;
    }

    @WebServlet(urlPatterns = {"/signed/exact", "/signed/tree/*"})
    @Signed
    public static class SignedServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;
    }

    @ServerEndpoint("/ws/quiet/{id}")
    public static class UndeclaredSocket {
    }

    @ServerEndpoint("/ws/open/{id}")
    @PermitAll
    public static class OpenSocket {
    }

    private static EndpointDeclarations.Inspection inspect(Class<?>... classes) {
        return EndpointDeclarations.inspect(List.of(classes), Map.of(), "");
    }

    @Test
    void everyEndpointOfPaddockDeclaresItsAccess() throws IOException {
        EndpointDeclarations.Inspection inspection = EndpointDeclarations.inspect(paddockClasses(), Map.of(), "");
        assertEquals(List.of(), inspection.violations());
        assertEquals(Set.of("/api/internal/events", "/api/plugin/challenge", "/api/plugin/heartbeat",
                "/api/plugin/results", "/api/billing/webhook"), inspection.signedPaths().declared());
        assertTrue(inspection.endpoints() > 60, "resources, servlets and sockets were all found: " + inspection.endpoints());
    }

    @Test
    void anUndeclaredMethodIsNamedInOneSentenceAndStopsTheDeployment() {
        EndpointDeclarations.Inspection inspection = inspect(App.class, Declared.class, Undeclared.class);
        assertEquals(List.of(Undeclared.class.getName() + ".forgotten() has no security declaration: add @PermitAll,"
                + " @RolesAllowed, @DenyAll or @Signed to the method or its class."), inspection.violations());
        IllegalStateException refused = assertThrows(IllegalStateException.class, inspection::requireDeclared);
        assertTrue(refused.getMessage().contains(Undeclared.class.getName() + ".forgotten()"), refused.getMessage());
        assertEquals(5, inspection.endpoints());
    }

    @Test
    void methodDeclarationsWinOverTheClassAndTwoOnOneLevelAreRefused() {
        assertEquals(AccessDeclaration.PUBLIC, AccessDeclaration.effective(method(Declared.class, "list"),
                Declared.class).orElseThrow());
        assertEquals(AccessDeclaration.roles("user"), AccessDeclaration.effective(method(Declared.class, "create"),
                Declared.class).orElseThrow());
        assertEquals(AccessDeclaration.DENIED, AccessDeclaration.effective(method(Declared.class, "secret"),
                Declared.class).orElseThrow());
        assertTrue(AccessDeclaration.effective(method(Both.class, "get"), Both.class).isEmpty());
        assertTrue(AccessDeclaration.effective(method(Undeclared.class, "forgotten"), Undeclared.class).isEmpty());
        assertEquals(List.of(Both.class.getName() + ".get() declares @PermitAll and @RolesAllowed at once: keep one."),
                inspect(App.class, Both.class).violations());
    }

    @Test
    void servletsAndSocketsDeclareOnlyWhatIsEnforcedThere() {
        List<String> violations = inspect(UndeclaredServlet.class, RoleServlet.class, SignedServlet.class,
                UndeclaredSocket.class, OpenSocket.class).violations();
        assertEquals(3, violations.size(), violations.toString());
        assertTrue(violations.contains(RoleServlet.class.getName() + " (servlet /admin-only) declares @RolesAllowed,"
                + " which nothing enforces on a servlet: check the caller in the servlet and declare @PermitAll."));
        assertTrue(violations.contains(UndeclaredServlet.class.getName() + " (servlet /plain) has no security"
                + " declaration: add @PermitAll (it checks its callers itself) or @Signed to the class."));
        assertTrue(violations.contains(UndeclaredSocket.class.getName() + " (socket /ws/quiet/{id}) has no security"
                + " declaration: add @PermitAll to the class (the endpoint authenticates its first message itself)."));
    }

    @Test
    void signedPathsAreComputedFromResourcesAndServlets() {
        EndpointDeclarations.Inspection inspection = inspect(App.class, Hooks.class, SignedServlet.class);
        assertEquals(List.of(), inspection.violations());
        SignedPaths signed = inspection.signedPaths();
        assertEquals(Set.of("/api/hooks/{source}", "/signed/exact", "/signed/tree/*"), signed.declared());
        assertTrue(signed.contains("/api/hooks/stripe"));
        assertTrue(signed.contains("/signed/exact"));
        assertTrue(signed.contains("/signed/tree"));
        assertTrue(signed.contains("/signed/tree/a/b"));
        assertFalse(signed.contains("/api/hooks"));
        assertFalse(signed.contains("/api/hooks/stripe/more"));
        assertFalse(signed.contains("/signed/exactly"));
        assertFalse(signed.contains("/api/plugin/installations"));
        // The context path is part of the request URI.
        assertTrue(EndpointDeclarations.inspect(List.of(App.class, Hooks.class), Map.of(), "/paddock")
                .signedPaths().contains("/paddock/api/hooks/discord"));
    }

    @Test
    void aPathIsSignedForAllItsMethodsOrNone() {
        List<String> violations = inspect(App.class, Hooks.class, HooksReader.class).violations();
        assertEquals(1, violations.size(), violations.toString());
        assertTrue(violations.get(0).startsWith(Hooks.class.getName() + ".receive() is @Signed but "
                + HooksReader.class.getName() + ".read() on the same path /api/hooks/{source} is not"), violations.get(0));
    }

    @Test
    void servletMappingsAsRegisteredWinOverTheAnnotation() {
        Map<Class<?>, Collection<String>> registered = Map.of(SignedServlet.class, List.of("/elsewhere"));
        assertEquals(Set.of("/elsewhere"), EndpointDeclarations.inspect(List.of(SignedServlet.class), registered, "")
                .signedPaths().declared());
    }

    private static java.lang.reflect.Method method(Class<?> type, String name) {
        return Stream.of(type.getMethods()).filter(m -> m.getName().equals(name)).findFirst().orElseThrow();
    }

    /** The production classes as the WAR holds them. */
    private static List<Class<?>> paddockClasses() throws IOException {
        Path root = Path.of("target/classes");
        List<Class<?>> classes = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = root.relativize(file).toString().replace(java.io.File.separatorChar, '.');
                try {
                    classes.add(Class.forName(name.substring(0, name.length() - 6), false,
                            EndpointDeclarationsTest.class.getClassLoader()));
                } catch (ClassNotFoundException e) {
                    throw new AssertionError(e);
                }
            }
        }
        assertFalse(classes.isEmpty(), "target/classes is empty: compile first");
        return classes;
    }
}
