package io.paddock.platform.persistence;

import org.eclipse.persistence.config.SessionCustomizer;
import org.eclipse.persistence.descriptors.ClassDescriptor;
import org.eclipse.persistence.internal.helper.DatabaseField;
import org.eclipse.persistence.mappings.DatabaseMapping;
import org.eclipse.persistence.sessions.Session;

/**
 * Maps {@code createdAt} to column {@code created_at}, the schema's convention, for every attribute
 * whose column was not named explicitly, so entities need no {@code @Column} just for naming.
 * Registered in persistence.xml as {@code eclipselink.session.customizer}.
 */
public class SnakeCaseColumns implements SessionCustomizer {

    @Override
    public void customize(Session session) {
        for (ClassDescriptor descriptor : session.getDescriptors().values()) {
            for (DatabaseMapping mapping : descriptor.getMappings()) {
                DatabaseField field = mapping.getField();
                if (field != null && mapping.isDirectToFieldMapping()
                        && field.getName().equalsIgnoreCase(mapping.getAttributeName())) {
                    field.setName(snakeCase(mapping.getAttributeName()));
                }
            }
        }
    }

    static String snakeCase(String camel) {
        StringBuilder out = new StringBuilder(camel.length() + 8);
        for (int i = 0; i < camel.length(); i++) {
            char c = camel.charAt(i);
            if (Character.isUpperCase(c)) {
                if (i > 0) {
                    out.append('_');
                }
                out.append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
