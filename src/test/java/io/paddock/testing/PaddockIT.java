package io.paddock.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An Arquillian integration test against a managed Payara Micro and an empty database.
 * {@link FreshDatabase} runs first so the schema is dropped before the deployment migrates it.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith({FreshDatabase.class, ArquillianExtension.class})
public @interface PaddockIT {
}
