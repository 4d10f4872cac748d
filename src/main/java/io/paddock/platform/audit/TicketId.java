package io.paddock.platform.audit;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.RECORD_COMPONENT;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.ReportAsSingleViolation;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** A request's {@code ticketId}: the reference of the ticket an action belongs to, such as {@code OPS-1234}. */
@NotNull
@Pattern(regexp = "[\\p{Alnum}#._:/-]{1,100}")
@ReportAsSingleViolation
@Constraint(validatedBy = {})
@Target({FIELD, PARAMETER, RECORD_COMPONENT})
@Retention(RUNTIME)
public @interface TicketId {

    String message() default "name the ticket this action belongs to (1 to 100 letters, digits or # . _ : / -)";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
