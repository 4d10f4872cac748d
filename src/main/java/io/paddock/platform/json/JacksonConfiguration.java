package io.paddock.platform.json;

import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;

/** Hands JAX-RS's Jackson provider the shared {@link Json#mapper()}. */
@Provider
public class JacksonConfiguration implements ContextResolver<ObjectMapper> {

    @Override
    public ObjectMapper getContext(Class<?> type) {
        return Json.mapper();
    }
}
