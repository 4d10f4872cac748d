package io.paddock.platform.errors;

/** The caller may not do this. Answered with HTTP 403. */
public class AccessDeniedException extends PaddockException {

    private static final long serialVersionUID = 1L;

    public AccessDeniedException(String slug, String title, String detail) {
        super(slug, title, detail);
    }

    @Override
    public int status() {
        return 403;
    }
}
