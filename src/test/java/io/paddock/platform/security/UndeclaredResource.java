package io.paddock.platform.security;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

/** A resource that forgot to declare its access: {@link UndeclaredEndpointIT} proves it cannot be deployed. */
@Path("undeclared")
public class UndeclaredResource {

    @GET
    public String hello() {
        return "nobody said who may read this";
    }
}
