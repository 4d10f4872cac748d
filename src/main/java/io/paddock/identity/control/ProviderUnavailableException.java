package io.paddock.identity.control;

import io.paddock.platform.errors.PaddockException;

/**
 * Discord or Twitch could not be reached, timed out or answered something we cannot read.
 * Answered with HTTP 502: the request was fine, the provider behind us was not.
 */
public class ProviderUnavailableException extends PaddockException {

    private static final long serialVersionUID = 1L;

    public ProviderUnavailableException(String providerName, String detail) {
        super("provider-unavailable", providerName + " unavailable", detail);
    }

    @Override
    public int status() {
        return 502;
    }
}
