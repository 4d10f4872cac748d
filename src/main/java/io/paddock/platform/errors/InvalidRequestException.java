package io.paddock.platform.errors;

/** The request is not acceptable as sent. Answered with HTTP 400. */
public class InvalidRequestException extends PaddockException {

    private static final long serialVersionUID = 1L;

    public InvalidRequestException(String slug, String title, String detail) {
        super(slug, title, detail);
    }

    public InvalidRequestException(String slug, String title, String detail, java.util.List<Problem.FieldError> errors) {
        super(slug, title, detail, errors);
    }

    @Override
    public int status() {
        return 400;
    }
}
