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

/** A request's {@code reason} for a privileged action: 10 to 1,000 characters that are not all blank. */
@NotNull
@Pattern(regexp = "(?s)\\s*\\S.{" + (Justification.MIN_REASON - 2) + "," + (Justification.MAX_REASON - 2) + "}\\S\\s*")
@ReportAsSingleViolation
@Constraint(validatedBy = {})
@Target({FIELD, PARAMETER, RECORD_COMPONENT})
@Retention(RUNTIME)
public @interface Reason {

    String message() default "say why, in " + Justification.MIN_REASON + " to " + Justification.MAX_REASON
            + " characters";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
