package io.paddock.identity.entity;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** Roles in rising order of power; each includes those below it. */
public enum Role {
    USER, SUPPORT, ADMIN, SUPERADMIN;

    public static final String USER_ROLE = "user";
    public static final String SUPPORT_ROLE = "support";
    public static final String ADMIN_ROLE = "admin";
    public static final String SUPERADMIN_ROLE = "superadmin";

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean includes(Role other) {
        return compareTo(other) >= 0;
    }

    /** The security groups a caller with this role belongs to: this role and every lower one. */
    public Set<String> groups() {
        return Arrays.stream(values()).filter(this::includes).map(Role::id).collect(Collectors.toUnmodifiableSet());
    }

    public static Role of(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }
}
