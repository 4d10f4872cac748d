package io.paddock.platform.errors;

/** The request needs a valid credential. Answered with HTTP 401. */
public class UnauthenticatedException extends PaddockException {

    private static final long serialVersionUID = 1L;

    public UnauthenticatedException(String slug, String title, String detail) {
        super(slug, title, detail);
    }

    @Override
    public int status() {
        return 401;
    }
}
