package io.paddock.platform.rest;

import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;

import io.paddock.platform.json.Json;

/**
 * Schemas of Paddock's request and response types as {@link Json#mapper()} reads and writes them: property names
 * from Jackson's own introspection ({@code @JsonProperty("scheduled_start")}, ignored properties left out),
 * java.time values as ISO-8601 strings, enums by the values Jackson writes. Each of our classes becomes one
 * component, named by its simple name, or with its enclosing class's (else its module's) in front when another
 * of our classes has the same simple name, so two {@code Registered} records never share one schema.
 */
final class JacksonSchemas {

    static final String REF = "#/components/schemas/";

    private final ObjectMapper mapper = Json.mapper();
    private final Components components;
    private final Map<String, Integer> simpleNames = new HashMap<>();
    private final Map<Class<?>, String> names = new LinkedHashMap<>();
    private final List<Class<?>> pending = new ArrayList<>();

    /** @param classes all of our classes, to tell which simple names are shared */
    JacksonSchemas(Components components, Collection<Class<?>> classes) {
        this.components = components;
        for (Class<?> type : classes) {
            if (isOurs(type) && !type.isAnonymousClass() && !type.isLocalClass()) {
                simpleNames.merge(type.getSimpleName(), 1, Integer::sum);
            }
        }
    }

    /** The schema of a Java type, adding the components it needs. */
    Schema schemaOf(Type type) {
        Schema schema = schemaOf(mapper.constructType(type));
        drain();
        return schema;
    }

    /** The component name of one of our classes, the component written if it is not yet. */
    String componentOf(Class<?> type) {
        String name = nameFor(type);
        drain();
        return name;
    }

    private void drain() {
        while (!pending.isEmpty()) {
            Class<?> type = pending.remove(0);
            components.addSchema(names.get(type), objectSchema(type));
        }
    }

    private Schema objectSchema(Class<?> type) {
        Schema schema = OASFactory.createSchema().type(SchemaType.OBJECT);
        BeanDescription description = mapper.getSerializationConfig().introspect(mapper.constructType(type));
        JsonInclude.Value classInclusion = description.findPropertyInclusion(
                mapper.getSerializationConfig().getDefaultPropertyInclusion(type));
        for (BeanPropertyDefinition property : properties(type)) {
            Schema value = schemaOf(property.getPrimaryType());
            // Only what is written can be written as null (a property only read has no accessor).
            boolean written = property.getAccessor() != null;
            JsonInclude.Include inclusion = written
                    ? classInclusion.withOverrides(property.findInclusion()).getValueInclusion() : null;
            boolean writesNull = inclusion == JsonInclude.Include.ALWAYS || inclusion == JsonInclude.Include.USE_DEFAULTS;
            if (writesNull && !property.getPrimaryType().isPrimitive()) {
                // Written as null when absent: OpenAPI 3.0 says so with nullable, beside a reference through allOf.
                value = value.getRef() == null ? value.nullable(true)
                        : OASFactory.createSchema().nullable(true).addAllOf(value);
            }
            schema.addProperty(property.getName(), value);
        }
        return schema;
    }

    /** Serialised and deserialised properties by external name, serialised ones first. */
    private List<BeanPropertyDefinition> properties(Class<?> type) {
        JavaType javaType = mapper.constructType(type);
        Map<String, BeanPropertyDefinition> byName = new LinkedHashMap<>();
        BeanDescription written = mapper.getSerializationConfig().introspect(javaType);
        for (BeanPropertyDefinition property : written.findProperties()) {
            if (property.couldSerialize()) {
                byName.putIfAbsent(property.getName(), property);
            }
        }
        BeanDescription read = mapper.getDeserializationConfig().introspect(javaType);
        for (BeanPropertyDefinition property : read.findProperties()) {
            if (property.couldDeserialize() || property.hasConstructorParameter()) {
                byName.putIfAbsent(property.getName(), property);
            }
        }
        return List.copyOf(byName.values());
    }

    private Schema schemaOf(JavaType type) {
        Class<?> raw = type.getRawClass();
        if (raw == String.class || raw == char.class || raw == Character.class || raw == CharSequence.class) {
            return string(null);
        }
        if (raw == UUID.class) {
            return string("uuid");
        }
        if (raw == Instant.class || raw == OffsetDateTime.class || raw == ZonedDateTime.class) {
            return string("date-time");
        }
        if (raw == LocalDate.class) {
            return string("date");
        }
        if (raw == LocalDateTime.class || raw == LocalTime.class) {
            return string(null);
        }
        if (raw == Duration.class) {
            return mapper.isEnabled(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
                    ? OASFactory.createSchema().type(SchemaType.NUMBER) : string(null);
        }
        if (raw == URI.class || raw == URL.class) {
            return string("uri");
        }
        if (raw == boolean.class || raw == Boolean.class) {
            return OASFactory.createSchema().type(SchemaType.BOOLEAN);
        }
        if (raw == int.class || raw == Integer.class || raw == short.class || raw == Short.class
                || raw == byte.class || raw == Byte.class) {
            return OASFactory.createSchema().type(SchemaType.INTEGER).format("int32");
        }
        if (raw == long.class || raw == Long.class) {
            return OASFactory.createSchema().type(SchemaType.INTEGER).format("int64");
        }
        if (raw == BigInteger.class) {
            return OASFactory.createSchema().type(SchemaType.INTEGER);
        }
        if (raw == float.class || raw == Float.class) {
            return OASFactory.createSchema().type(SchemaType.NUMBER).format("float");
        }
        if (raw == double.class || raw == Double.class) {
            return OASFactory.createSchema().type(SchemaType.NUMBER).format("double");
        }
        if (raw == BigDecimal.class || Number.class.isAssignableFrom(raw)) {
            return OASFactory.createSchema().type(SchemaType.NUMBER);
        }
        if (raw == byte[].class) {
            return string("byte");
        }
        if (raw.isEnum()) {
            List<Object> values = new ArrayList<>();
            for (Object constant : raw.getEnumConstants()) {
                JsonNode written = mapper.valueToTree(constant);
                values.add(written.isTextual() ? written.asText() : written.toString());
            }
            return string(null).enumeration(values);
        }
        if (type.isArrayType() || type.isCollectionLikeType()) {
            return OASFactory.createSchema().type(SchemaType.ARRAY).items(schemaOf(type.getContentType()));
        }
        if (type.isMapLikeType()) {
            return OASFactory.createSchema().type(SchemaType.OBJECT)
                    .additionalPropertiesSchema(schemaOf(type.getContentType()));
        }
        if (type.isReferenceType()) {
            return schemaOf(type.getContentType());
        }
        if (!isOurs(raw) || raw.isInterface()) {
            // JsonNode, Object and the like: any JSON value.
            return OASFactory.createSchema();
        }
        return OASFactory.createSchema().ref(REF + nameFor(raw));
    }

    static boolean isOurs(Class<?> type) {
        return type.getName().startsWith("io.paddock.") && !type.isPrimitive() && !type.isArray();
    }

    private String nameFor(Class<?> type) {
        String known = names.get(type);
        if (known != null) {
            return known;
        }
        String name = type.getSimpleName();
        if (simpleNames.getOrDefault(name, 0) > 1) {
            if (type.getEnclosingClass() != null) {
                name = type.getEnclosingClass().getSimpleName() + name;
            } else {
                String module = type.getName().substring("io.paddock.".length()).split("\\.")[0];
                name = module.substring(0, 1).toUpperCase(Locale.ROOT) + module.substring(1) + name;
            }
        }
        String unique = name;
        for (int n = 2; names.containsValue(unique); n++) {
            unique = name + n;
        }
        names.put(type, unique);
        pending.add(type);
        return unique;
    }

    private static Schema string(String format) {
        Schema schema = OASFactory.createSchema().type(SchemaType.STRING);
        return format == null ? schema : schema.format(format);
    }

    /** For {@link Optional}-free callers: whether a type has a schema worth writing (not void, not a raw response). */
    static boolean describable(Class<?> type) {
        return type != void.class && type != Void.class && type != jakarta.ws.rs.core.Response.class
                && !Optional.class.equals(type);
    }
}
