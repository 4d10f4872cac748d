package io.paddock.platform.errors;

import java.util.Objects;

import jakarta.ejb.ApplicationException;

/**
 * The root of every business refusal. Thrown as-is through EJBs (no wrapping) and rolls the
 * transaction back; {@link PaddockExceptionMapper} turns it into problem+json.
 * Subclasses fix the HTTP status; the {@code slug} names the problem type.
 */
@ApplicationException(rollback = true)
public abstract class PaddockException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String slug;
    private final String title;
    private final java.util.List<Problem.FieldError> errors;

    protected PaddockException(String slug, String title, String detail) {
        this(slug, title, detail, java.util.List.of());
    }

    protected PaddockException(String slug, String title, String detail, java.util.List<Problem.FieldError> errors) {
        super(detail);
        this.slug = Objects.requireNonNull(slug, "A problem needs a type slug.");
        this.title = Objects.requireNonNull(title, "A problem needs a title.");
        this.errors = java.util.List.copyOf(errors);
    }

    /** Field-level details, for refusals about specific inputs. */
    public java.util.List<Problem.FieldError> errors() {
        return errors;
    }

    public abstract int status();

    public String slug() {
        return slug;
    }

    public String title() {
        return title;
    }

    /** Headers a subclass wants on the response (e.g. {@code Retry-After}); none by default. */
    public java.util.Map<String, String> headers() {
        return java.util.Map.of();
    }
}
