package io.paddock.platform.audit;

import java.util.UUID;

/**
 * The signed-in user behind the current request, as modules without access to the identity module see it:
 * the authentication module resolves the caller once per request and leaves it on the request under
 * {@link #ATTRIBUTE}. {@link CurrentActor} reads it for the audit trail and for authorship.
 */
public interface ActingUser {

    /** The request attribute holding the caller. */
    String ATTRIBUTE = "io.paddock.caller";

    UUID userId();

    String displayName();
}
