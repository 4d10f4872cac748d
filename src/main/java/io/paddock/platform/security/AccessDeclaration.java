package io.paddock.platform.security;

import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;

/**
 * Who may call an endpoint, as its annotations declare it: {@code @PermitAll} (anyone), {@code @Signed}
 * (a signed request, no user), {@code @DenyAll} (no one) or {@code @RolesAllowed} (those roles).
 * A declaration on the method wins over one on its class.
 */
public record AccessDeclaration(Kind kind, Set<String> roles) {

    public enum Kind {
        PUBLIC, SIGNED, DENIED, ROLES
    }

    public static final AccessDeclaration PUBLIC = new AccessDeclaration(Kind.PUBLIC, Set.of());
    public static final AccessDeclaration SIGNED = new AccessDeclaration(Kind.SIGNED, Set.of());
    public static final AccessDeclaration DENIED = new AccessDeclaration(Kind.DENIED, Set.of());

    public static AccessDeclaration roles(String... roles) {
        return new AccessDeclaration(Kind.ROLES, Set.copyOf(Arrays.asList(roles)));
    }

    /** Every declaration written on this one element (more than one is a mistake the startup check reports). */
    public static List<AccessDeclaration> declaredOn(AnnotatedElement element) {
        List<AccessDeclaration> found = new ArrayList<>(1);
        if (element.isAnnotationPresent(PermitAll.class)) {
            found.add(PUBLIC);
        }
        if (element.isAnnotationPresent(Signed.class)) {
            found.add(SIGNED);
        }
        if (element.isAnnotationPresent(DenyAll.class)) {
            found.add(DENIED);
        }
        RolesAllowed roles = element.getAnnotation(RolesAllowed.class);
        if (roles != null) {
            found.add(roles(roles.value()));
        }
        return found;
    }

    /**
     * The declaration that applies to a resource method: the method's, else its class's. Empty when neither
     * declares one, or when the deciding level declares more than one (the startup check refuses both).
     */
    public static Optional<AccessDeclaration> effective(Method method, Class<?> type) {
        List<AccessDeclaration> onMethod = declaredOn(method);
        List<AccessDeclaration> decisive = onMethod.isEmpty() ? declaredOn(type) : onMethod;
        return decisive.size() == 1 ? Optional.of(decisive.get(0)) : Optional.empty();
    }

    /** The annotation as written, for messages. */
    public String annotation() {
        return switch (kind) {
            case PUBLIC -> "@PermitAll";
            case SIGNED -> "@Signed";
            case DENIED -> "@DenyAll";
            case ROLES -> "@RolesAllowed";
        };
    }
}
