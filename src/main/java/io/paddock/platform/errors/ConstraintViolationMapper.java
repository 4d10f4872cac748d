package io.paddock.platform.errors;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Bean Validation failures on request DTOs: 400 with one {@code {field, message}} per violation. */
@Provider
public class ConstraintViolationMapper implements ExceptionMapper<ConstraintViolationException> {

    @Context
    HttpServletRequest request;

    @Override
    public Response toResponse(ConstraintViolationException e) {
        List<Problem.FieldError> errors = new ArrayList<>();
        for (ConstraintViolation<?> violation : e.getConstraintViolations()) {
            errors.add(new Problem.FieldError(fieldOf(violation.getPropertyPath()), violation.getMessage()));
        }
        errors.sort(Comparator.comparing(Problem.FieldError::field));
        return ProblemResponses.of(request, 400, "validation", "Invalid input",
                "Some fields are missing or invalid; see errors.", errors);
    }

    /**
     * {@code create.request.config.maxParticipants} becomes {@code config.maxParticipants}: the client
     * knows its body and query fields, not our method and parameter names.
     */
    static String fieldOf(Path path) {
        StringBuilder field = new StringBuilder();
        String parameter = null;
        for (Path.Node node : path) {
            if (node.getKind() == ElementKind.METHOD || node.getKind() == ElementKind.CONSTRUCTOR
                    || node.getKind() == ElementKind.RETURN_VALUE || node.getKind() == ElementKind.CROSS_PARAMETER) {
                continue;
            }
            if (node.getKind() == ElementKind.PARAMETER) {
                parameter = node.getName();
                continue;
            }
            if (node.getName() == null) {
                continue;
            }
            if (!field.isEmpty()) {
                field.append('.');
            }
            field.append(node.getName());
            if (node.getIndex() != null) {
                field.append('[').append(node.getIndex()).append(']');
            }
        }
        if (!field.isEmpty()) {
            return field.toString();
        }
        return parameter != null ? parameter : "body";
    }
}
