package io.paddock.platform.errors;

/** Something the request names does not exist. Answered with HTTP 404. */
public class ResourceNotFoundException extends PaddockException {

    private static final long serialVersionUID = 1L;

    public ResourceNotFoundException(String slug, String title, String detail) {
        super(slug, title, detail);
    }

    @Override
    public int status() {
        return 404;
    }
}
