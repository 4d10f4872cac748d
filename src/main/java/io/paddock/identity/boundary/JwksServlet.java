package io.paddock.identity.boundary;

import java.io.IOException;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.paddock.identity.control.SigningKeys;

/** The public keys that verify Paddock's access tokens (RFC 7517), for other services and MP-JWT verifiers. */
@WebServlet("/.well-known/jwks.json")
@PermitAll // public keys, published for anyone who verifies our tokens
public class JwksServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    transient SigningKeys keys;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "public, max-age=300");
        response.getWriter().write(keys.publicKeys().toString());
    }
}
