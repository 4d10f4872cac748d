package io.paddock.platform.rest;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

import io.paddock.platform.config.PublicUrl;
import io.paddock.platform.errors.Problem;
import io.paddock.platform.security.AccessDeclaration;

/**
 * Makes the generated {@code /openapi} document say what the wire does (registered as {@code mp.openapi.filter}):
 * <ul>
 * <li>request and response bodies and parameters are typed from the resource method, in the JSON names and
 * forms Jackson uses ({@link JacksonSchemas});</li>
 * <li>each operation states its security from the endpoint's access declaration: {@code @RolesAllowed} takes
 * an access token, an API key or the session cookie (with {@code X-CSRF-Token} on changes), {@code @Signed}
 * the plugin's HMAC headers, {@code @PermitAll} nothing ({@code security: [{}]});</li>
 * <li>errors are documented as problem+json ({@code 4XX}, {@code 5XX});</li>
 * <li>operation ids are unique: a method name that several resources share gets its resource's name in front;</li>
 * <li>the one server is the configured public URL, and the runtime's non-standard {@code endpoints} list goes.</li>
 * </ul>
 */
public class OpenApiFilter implements OASFilter {

    private static final Logger LOG = Logger.getLogger(OpenApiFilter.class.getName());

    static final String BEARER = "accessToken";
    static final String API_KEY = "apiKey";
    static final String SESSION = "sessionCookie";
    static final String CSRF = "csrfToken";
    static final String INSTALLATION = "pluginInstallation";
    static final String TIMESTAMP = "pluginTimestamp";
    static final String SIGNATURE = "pluginSignature";

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");
    private static final String JSON = "application/json";

    @Override
    public void filterOpenAPI(OpenAPI api) {
        ClassLoader loader = OpenApiFilter.class.getClassLoader();
        ApiClasses classes = ApiClasses.scan(loader);
        if (api.getComponents() == null) {
            api.setComponents(OASFactory.createComponents());
        }
        JacksonSchemas schemas = new JacksonSchemas(api.getComponents(), classes.classes());
        declareSecuritySchemes(api.getComponents());
        String problem = schemas.componentOf(Problem.class);
        // By identity: the runtime's operations compare by value.
        Map<Operation, ApiClasses.Endpoint> javaOf = new java.util.IdentityHashMap<>();
        if (api.getPaths() != null && api.getPaths().getPathItems() != null) {
            for (Map.Entry<String, PathItem> path : api.getPaths().getPathItems().entrySet()) {
                if (path.getValue().getOperations() == null) {
                    continue;
                }
                for (Map.Entry<PathItem.HttpMethod, Operation> entry : path.getValue().getOperations().entrySet()) {
                    String verb = entry.getKey().name();
                    Operation operation = entry.getValue();
                    classes.endpoint(verb, path.getKey()).ifPresent(endpoint -> {
                        javaOf.put(operation, endpoint);
                        secure(operation, verb, endpoint);
                        if (endpoint.method() != null) {
                            describeBodies(operation, endpoint.method(), schemas);
                        }
                    });
                    documentProblems(operation, problem);
                }
            }
        }
        uniqueOperationIds(javaOf, api);
        String publicUrl = PublicUrl.of(ConfigProvider.getConfig(loader)
                .getOptionalValue("paddock.public-url", String.class).orElse(null)).base();
        List<org.eclipse.microprofile.openapi.models.servers.Server> servers = new ArrayList<>();
        servers.add(OASFactory.createServer().url(publicUrl).description("This Paddock server"));
        api.setServers(servers);
        pruneUnusedSchemas(api);
        dropEndpointsList(api);
        distinctTags(api);
    }

    /** The runtime lists a tag once per resource that uses it; once is enough (the first with a description wins). */
    private static void distinctTags(OpenAPI api) {
        if (api.getTags() == null) {
            return;
        }
        Map<String, org.eclipse.microprofile.openapi.models.tags.Tag> byName = new LinkedHashMap<>();
        for (org.eclipse.microprofile.openapi.models.tags.Tag tag : api.getTags()) {
            org.eclipse.microprofile.openapi.models.tags.Tag known = byName.get(tag.getName());
            if (known == null || known.getDescription() == null && tag.getDescription() != null) {
                byName.put(tag.getName(), tag);
            }
        }
        api.setTags(new ArrayList<>(byName.values()));
    }

    private static void declareSecuritySchemes(Components components) {
        components.addSecurityScheme(BEARER, OASFactory.createSecurityScheme().type(SecurityScheme.Type.HTTP)
                .scheme("bearer").bearerFormat("JWT")
                .description("An RS256 access token from a sign-in or POST /api/auth/refresh: Authorization: Bearer <jwt>."));
        components.addSecurityScheme(API_KEY, OASFactory.createSecurityScheme().type(SecurityScheme.Type.HTTP)
                .scheme("bearer").bearerFormat("pdk_<prefix>_<secret>")
                .description("An API key from POST /api/auth/api-keys, sent as Authorization: Bearer pdk_<prefix>_<secret>."));
        components.addSecurityScheme(SESSION, OASFactory.createSecurityScheme().type(SecurityScheme.Type.APIKEY)
                .in(SecurityScheme.In.COOKIE).name("paddock_session")
                .description("The browser session a web sign-in sets (HttpOnly cookie)."));
        components.addSecurityScheme(CSRF, OASFactory.createSecurityScheme().type(SecurityScheme.Type.APIKEY)
                .in(SecurityScheme.In.HEADER).name("X-CSRF-Token")
                .description("The value of the paddock_csrf cookie; required with the session cookie on every change."));
        components.addSecurityScheme(INSTALLATION, OASFactory.createSecurityScheme().type(SecurityScheme.Type.APIKEY)
                .in(SecurityScheme.In.HEADER).name("X-Paddock-Installation")
                .description("A signed plugin request: the installation id (see docs/api/plugin.md)."));
        components.addSecurityScheme(TIMESTAMP, OASFactory.createSecurityScheme().type(SecurityScheme.Type.APIKEY)
                .in(SecurityScheme.In.HEADER).name("X-Paddock-Timestamp")
                .description("A signed plugin request: unix time in whole seconds, within 60 s of the server's clock."));
        components.addSecurityScheme(SIGNATURE, OASFactory.createSecurityScheme().type(SecurityScheme.Type.APIKEY)
                .in(SecurityScheme.In.HEADER).name("X-Paddock-Signature")
                .description("A signed plugin request: sha256= + hex HMAC-SHA256(secret, timestamp + \".\" + body)."));
    }

    private static void secure(Operation operation, String verb, ApiClasses.Endpoint endpoint) {
        List<SecurityRequirement> requirements = new ArrayList<>();
        AccessDeclaration access = endpoint.access().orElse(AccessDeclaration.DENIED);
        switch (access.kind()) {
            // No credential needed: one requirement of no scheme (an empty list would not be written at all).
            case PUBLIC -> requirements.add(OASFactory.createSecurityRequirement());
            case SIGNED -> requirements.add(OASFactory.createSecurityRequirement()
                    .addScheme(INSTALLATION).addScheme(TIMESTAMP).addScheme(SIGNATURE));
            case ROLES, DENIED -> {
                requirements.add(OASFactory.createSecurityRequirement().addScheme(BEARER));
                requirements.add(OASFactory.createSecurityRequirement().addScheme(API_KEY));
                SecurityRequirement cookie = OASFactory.createSecurityRequirement().addScheme(SESSION);
                requirements.add(SAFE_METHODS.contains(verb) ? cookie : cookie.addScheme(CSRF));
                if (!access.roles().isEmpty()) {
                    operation.addExtension("x-roles", new ArrayList<>(new java.util.TreeSet<>(access.roles())));
                }
            }
            default -> throw new IllegalStateException("Unknown access " + access);
        }
        operation.setSecurity(requirements);
    }

    /**
     * The request and success bodies of a resource method in Jackson's terms: the entity parameter, and the
     * return type (or, for a method answering a {@code Response}, the type its {@code @APIResponseSchema} names).
     */
    private static void describeBodies(Operation operation, Method method, JacksonSchemas schemas) {
        java.lang.reflect.Parameter[] parameters = method.getParameters();
        for (int i = 0; i < parameters.length; i++) {
            if (isEntity(parameters[i]) && consumesJson(method)) {
                RequestBody body = operation.getRequestBody() == null ? OASFactory.createRequestBody()
                        : operation.getRequestBody();
                body.setContent(OASFactory.createContent().addMediaType(JSON,
                        OASFactory.createMediaType().schema(schemas.schemaOf(method.getGenericParameterTypes()[i]))));
                operation.setRequestBody(body);
            }
        }
        describeParameters(operation, method, schemas);
        if (operation.getResponses() == null) {
            operation.setResponses(OASFactory.createAPIResponses());
        }
        String status;
        java.lang.reflect.Type entity;
        APIResponseSchema declared = method.getAnnotation(APIResponseSchema.class);
        if (declared != null) {
            status = declared.responseCode().isEmpty() ? "200" : declared.responseCode();
            entity = declared.value();
        } else if (JacksonSchemas.describable(method.getReturnType()) && producesJson(method)) {
            status = "200";
            entity = method.getGenericReturnType();
        } else {
            undescribedSuccess(operation);
            return;
        }
        // The runtime's catch-all "default" held its own view of the same body.
        operation.getResponses().removeAPIResponse("default");
        APIResponse response = operation.getResponses().getAPIResponse(status);
        if (response == null) {
            response = OASFactory.createAPIResponse().description(declared != null
                    && !declared.responseDescription().isEmpty() ? declared.responseDescription() : "OK");
            operation.getResponses().addAPIResponse(status, response);
        }
        response.setContent(OASFactory.createContent().addMediaType(JSON,
                OASFactory.createMediaType().schema(schemas.schemaOf(entity))));
    }

    /**
     * A method answering a bare {@code Response} says nothing of its body to the scanner, which documents a
     * catch-all "default" of an empty object. It becomes "2XX" (unless a success code is declared), and only
     * non-JSON bodies (a zip) stay documented, as bytes: a JSON body needs {@code @APIResponseSchema}.
     */
    private static void undescribedSuccess(Operation operation) {
        Map<String, APIResponse> responses = operation.getResponses().getAPIResponses();
        if (responses == null) {
            return;
        }
        APIResponse fallback = responses.get("default");
        if (fallback != null) {
            operation.getResponses().removeAPIResponse("default");
            boolean declared = responses.keySet().stream().anyMatch(code -> code.startsWith("2") || code.startsWith("3"));
            if (!declared) {
                operation.getResponses().addAPIResponse("2XX", fallback.description("Success: see the summary"));
            }
        }
        for (Map.Entry<String, APIResponse> entry : operation.getResponses().getAPIResponses().entrySet()) {
            Content content = entry.getValue().getContent();
            if (entry.getKey().startsWith("4") || entry.getKey().startsWith("5") || content == null
                    || content.getMediaTypes() == null) {
                continue;
            }
            Content kept = OASFactory.createContent();
            for (Map.Entry<String, MediaType> media : content.getMediaTypes().entrySet()) {
                if (!isJson(media.getKey())) {
                    kept.addMediaType(media.getKey(), OASFactory.createMediaType().schema(OASFactory.createSchema()
                            .type(Schema.SchemaType.STRING).format("binary")));
                }
            }
            entry.getValue().setContent(kept.getMediaTypes() == null || kept.getMediaTypes().isEmpty() ? null : kept);
        }
    }

    /** Path, query, header and cookie parameters typed from the Java parameter (a UUID is a string, not an object). */
    private static void describeParameters(Operation operation, Method method, JacksonSchemas schemas) {
        if (operation.getParameters() == null) {
            return;
        }
        java.lang.reflect.Parameter[] parameters = method.getParameters();
        for (int i = 0; i < parameters.length; i++) {
            String[] named = parameterName(parameters[i]);
            if (named == null) {
                continue;
            }
            for (Parameter parameter : operation.getParameters()) {
                if (named[1].equals(parameter.getName()) && parameter.getIn() != null
                        && named[0].equals(parameter.getIn().toString())) {
                    parameter.setSchema(schemas.schemaOf(method.getGenericParameterTypes()[i]));
                }
            }
        }
    }

    private static String[] parameterName(java.lang.reflect.Parameter parameter) {
        if (parameter.isAnnotationPresent(jakarta.ws.rs.PathParam.class)) {
            return new String[] {"path", parameter.getAnnotation(jakarta.ws.rs.PathParam.class).value()};
        }
        if (parameter.isAnnotationPresent(jakarta.ws.rs.QueryParam.class)) {
            return new String[] {"query", parameter.getAnnotation(jakarta.ws.rs.QueryParam.class).value()};
        }
        if (parameter.isAnnotationPresent(jakarta.ws.rs.HeaderParam.class)) {
            return new String[] {"header", parameter.getAnnotation(jakarta.ws.rs.HeaderParam.class).value()};
        }
        if (parameter.isAnnotationPresent(jakarta.ws.rs.CookieParam.class)) {
            return new String[] {"cookie", parameter.getAnnotation(jakarta.ws.rs.CookieParam.class).value()};
        }
        return null;
    }

    private static boolean isEntity(java.lang.reflect.Parameter parameter) {
        for (java.lang.annotation.Annotation annotation : parameter.getAnnotations()) {
            String type = annotation.annotationType().getName();
            if (type.startsWith("jakarta.ws.rs.") || type.equals("jakarta.ws.rs.core.Context")) {
                return false;
            }
        }
        return true;
    }

    private static boolean consumesJson(Method method) {
        jakarta.ws.rs.Consumes consumes = method.isAnnotationPresent(jakarta.ws.rs.Consumes.class)
                ? method.getAnnotation(jakarta.ws.rs.Consumes.class)
                : method.getDeclaringClass().getAnnotation(jakarta.ws.rs.Consumes.class);
        return consumes == null || java.util.Arrays.stream(consumes.value()).anyMatch(OpenApiFilter::isJson);
    }

    private static boolean producesJson(Method method) {
        jakarta.ws.rs.Produces produces = method.isAnnotationPresent(jakarta.ws.rs.Produces.class)
                ? method.getAnnotation(jakarta.ws.rs.Produces.class)
                : method.getDeclaringClass().getAnnotation(jakarta.ws.rs.Produces.class);
        return produces == null || java.util.Arrays.stream(produces.value()).anyMatch(OpenApiFilter::isJson);
    }

    private static boolean isJson(String mediaTypes) {
        return java.util.Arrays.stream(mediaTypes.split(","))
                .anyMatch(type -> type.strip().startsWith(JSON) || type.strip().startsWith("*/*"));
    }

    private static void documentProblems(Operation operation, String problem) {
        if (operation.getResponses() == null) {
            operation.setResponses(OASFactory.createAPIResponses());
        }
        Map<String, APIResponse> responses = operation.getResponses().getAPIResponses();
        for (String range : List.of("4XX", "5XX")) {
            if (responses == null || !responses.containsKey(range)) {
                Content content = OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE,
                        OASFactory.createMediaType().schema(OASFactory.createSchema().ref(JacksonSchemas.REF + problem)));
                operation.getResponses().addAPIResponse(range, OASFactory.createAPIResponse()
                        .description(range.startsWith("4") ? "The request was refused: a problem (docs/api/problems.md)"
                                : "The server could not answer: a problem (docs/api/problems.md)")
                        .content(content));
            }
        }
    }

    /**
     * The runtime names an operation after its Java method. Where several share a name, each gets its
     * resource's name in front ({@code RacesResource.list} becomes {@code racesList}); an id given with
     * {@code @Operation(operationId = ...)} is kept as written.
     */
    private static void uniqueOperationIds(Map<Operation, ApiClasses.Endpoint> javaOf, OpenAPI api) {
        Map<String, List<Operation>> byId = new HashMap<>();
        forEachOperation(api, operation -> {
            if (operation.getOperationId() != null) {
                byId.computeIfAbsent(operation.getOperationId(), id -> new ArrayList<>()).add(operation);
            }
        });
        Set<String> taken = new HashSet<>(byId.keySet());
        for (Map.Entry<String, List<Operation>> group : new TreeMap<>(byId).entrySet()) {
            if (group.getValue().size() < 2) {
                continue;
            }
            for (Operation operation : group.getValue()) {
                ApiClasses.Endpoint endpoint = javaOf.get(operation);
                if (endpoint == null || endpoint.method() == null || explicitId(endpoint.method())) {
                    continue;
                }
                String stem = endpoint.type().getSimpleName().replaceFirst("Resource$", "");
                String id = Character.toLowerCase(stem.charAt(0)) + stem.substring(1)
                        + Character.toUpperCase(group.getKey().charAt(0)) + group.getKey().substring(1);
                String unique = id;
                for (int n = 2; taken.contains(unique); n++) {
                    unique = id + n;
                }
                taken.add(unique);
                operation.setOperationId(unique);
            }
        }
    }

    private static boolean explicitId(Method method) {
        org.eclipse.microprofile.openapi.annotations.Operation annotation =
                method.getAnnotation(org.eclipse.microprofile.openapi.annotations.Operation.class);
        return annotation != null && !annotation.operationId().isEmpty();
    }

    /** Removes component schemas that nothing refers to any more (the scanner's views of JDK types, say). */
    private static void pruneUnusedSchemas(OpenAPI api) {
        Map<String, Schema> schemas = api.getComponents().getSchemas();
        if (schemas == null || schemas.isEmpty()) {
            return;
        }
        Set<String> used = new HashSet<>();
        List<Schema> todo = new ArrayList<>();
        forEachOperation(api, operation -> {
            if (operation.getParameters() != null) {
                for (Parameter parameter : operation.getParameters()) {
                    add(todo, parameter.getSchema());
                    addContent(todo, parameter.getContent());
                }
            }
            RequestBody body = operation.getRequestBody();
            if (body != null) {
                addContent(todo, body.getContent());
            }
            if (operation.getResponses() != null && operation.getResponses().getAPIResponses() != null) {
                for (APIResponse response : operation.getResponses().getAPIResponses().values()) {
                    addContent(todo, response.getContent());
                }
            }
        });
        Set<Schema> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        while (!todo.isEmpty()) {
            Schema schema = todo.remove(todo.size() - 1);
            if (!seen.add(schema)) {
                continue;
            }
            String ref = schema.getRef();
            if (ref != null && ref.startsWith(JacksonSchemas.REF)) {
                String name = ref.substring(JacksonSchemas.REF.length());
                if (used.add(name)) {
                    add(todo, schemas.get(name));
                }
            }
            if (schema.getProperties() != null) {
                schema.getProperties().values().forEach(property -> add(todo, property));
            }
            add(todo, schema.getItems());
            add(todo, schema.getAdditionalPropertiesSchema());
            add(todo, schema.getNot());
            for (List<Schema> list : java.util.Arrays.asList(schema.getAllOf(), schema.getAnyOf(), schema.getOneOf())) {
                if (list != null) {
                    list.forEach(member -> add(todo, member));
                }
            }
        }
        for (String name : new ArrayList<>(schemas.keySet())) {
            if (!used.contains(name)) {
                api.getComponents().removeSchema(name);
            }
        }
    }

    private static void add(List<Schema> todo, Schema schema) {
        if (schema != null) {
            todo.add(schema);
        }
    }

    private static void addContent(List<Schema> todo, Content content) {
        if (content != null && content.getMediaTypes() != null) {
            for (MediaType mediaType : content.getMediaTypes().values()) {
                add(todo, mediaType.getSchema());
            }
        }
    }

    private static void forEachOperation(OpenAPI api, java.util.function.Consumer<Operation> action) {
        if (api.getPaths() == null || api.getPaths().getPathItems() == null) {
            return;
        }
        for (PathItem item : api.getPaths().getPathItems().values()) {
            if (item.getOperations() != null) {
                item.getOperations().values().forEach(action);
            }
        }
    }

    /**
     * The runtime adds a top-level {@code endpoints} list of its own, which no OpenAPI version defines; it has
     * no API for it, so it is emptied through the runtime's model class (an empty list is not written).
     */
    private static void dropEndpointsList(OpenAPI api) {
        try {
            Method setter = api.getClass().getMethod("setEndpoints", Map.class);
            setter.invoke(api, new TreeMap<>());
        } catch (NoSuchMethodException e) {
            // Another runtime: nothing to remove.
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(Level.WARNING, "Could not remove the runtime's endpoints list from the OpenAPI document", e);
        }
    }
}
