package io.paddock.testing;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.Archive;
import org.junit.jupiter.api.ClassDescriptor;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;

/**
 * Runs the integration-test classes that deploy the same shareable archive one after the other, so
 * {@link SharedPayaraMicro} boots one server for all of them; the other classes follow, by name.
 * Failsafe sets it as JUnit's default class order (pom.xml).
 */
public class SharedServerOrder implements ClassOrderer {

    @Override
    public void orderClasses(ClassOrdererContext context) {
        Map<Class<?>, String> keys = new HashMap<>();
        for (ClassDescriptor descriptor : context.getClassDescriptors()) {
            keys.put(descriptor.getTestClass(), key(descriptor.getTestClass()));
        }
        context.getClassDescriptors().sort(Comparator.comparing((ClassDescriptor d) -> keys.get(d.getTestClass()))
                .thenComparing(d -> d.getTestClass().getName()));
    }

    /** "0" and the archive's fingerprint for a black-box class whose server can be shared, else "1". */
    private static String key(Class<?> testClass) {
        for (Class<?> c = testClass; c != null && c != Object.class; c = c.getSuperclass()) {
            String key = declaredKey(c);
            if (key != null) {
                return key;
            }
        }
        return "1";
    }

    /** The key of the deployment {@code type} itself declares, or null when it declares none (it may inherit {@link BlackBox}'s). */
    private static String declaredKey(Class<?> type) {
        for (Method method : type.getDeclaredMethods()) {
            Deployment deployment = method.getAnnotation(Deployment.class);
            if (deployment != null && !deployment.testable() && Modifier.isStatic(method.getModifiers())
                    && method.getParameterCount() == 0) {
                try {
                    method.setAccessible(true);
                    Archive<?> archive = (Archive<?>) method.invoke(null);
                    if (SharedPayaraMicro.shareable(archive)) {
                        return "0" + SharedPayaraMicro.fingerprint(archive);
                    }
                } catch (ReflectiveOperationException | RuntimeException e) {
                    return "1"; // Arquillian reports the broken deployment when the class runs
                }
                return "1";
            }
        }
        return null;
    }
}
