package io.paddock.platform.errors;

/** The request conflicts with the current state. Answered with HTTP 409. */
public class ConflictException extends PaddockException {

    private static final long serialVersionUID = 1L;

    public ConflictException(String slug, String title, String detail) {
        super(slug, title, detail);
    }

    @Override
    public int status() {
        return 409;
    }
}
