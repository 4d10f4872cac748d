package io.paddock.identity.control;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import io.paddock.identity.entity.AuthMethod;
import io.paddock.identity.entity.Role;
import io.paddock.identity.entity.User;
import io.paddock.platform.config.PublicUrl;

/**
 * Paddock's own access tokens: RS256 JWTs in the MicroProfile JWT shape ({@code iss, sub, upn,
 * groups, jti, iat, exp}), short-lived, never a provider's token. Signed and verified with Nimbus
 * JOSE, the library Payara's MP-JWT runtime uses, because one authentication mechanism must also
 * accept API keys and browser sessions on the same requests (see docs/api/authentication.md).
 */
@ApplicationScoped
public class AccessTokens {

    public static final String AUDIENCE = "paddock";

    @Inject
    SigningKeys keys;

    @Inject
    Clock clock;

    @Inject
    PublicUrl publicUrl;

    @Inject
    @ConfigProperty(name = "paddock.jwt.access-token-ttl", defaultValue = "PT15M")
    Duration lifetime;

    public record Issued(String token, Instant expiresAt) {
    }

    public Issued issue(User user, AuthMethod method) {
        Instant now = clock.instant();
        Instant expires = now.plus(lifetime);
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(publicUrl.base())
                .audience(AUDIENCE)
                .subject(user.id().toString())
                .claim("upn", user.id().toString())
                .claim("name", user.displayName())
                .claim("groups", List.copyOf(user.role().groups()))
                .claim("role", user.role().id())
                .claim("auth_method", method.id())
                .jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(expires))
                .build();
        RSAKey key = keys.current();
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
                    .type(JOSEObjectType.JWT).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return new Issued(jwt.serialize(), expires);
        } catch (JOSEException e) {
            throw new IllegalStateException("Signing an access token failed", e);
        }
    }

    /** The caller a valid, unexpired token of ours names; empty for anything else. */
    public Optional<Caller> verify(String token) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm())) {
                return Optional.empty();
            }
            JWK key = keys.verificationKeys().getKeyByKeyId(jwt.getHeader().getKeyID());
            if (key == null || !jwt.verify(new RSASSAVerifier(key.toRSAKey()))) {
                return Optional.empty();
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            Date expires = claims.getExpirationTime();
            if (expires == null || !clock.instant().isBefore(expires.toInstant())
                    || !publicUrl.base().equals(claims.getIssuer()) || !claims.getAudience().contains(AUDIENCE)) {
                return Optional.empty();
            }
            AuthMethod method = AuthMethod.valueOf(claims.getStringClaim("auth_method").toUpperCase());
            return Optional.of(new Caller(UUID.fromString(claims.getSubject()), claims.getStringClaim("name"),
                    Role.of(claims.getStringClaim("role")), method, Caller.Credential.ACCESS_TOKEN, null));
        } catch (ParseException | JOSEException | IllegalArgumentException | NullPointerException e) {
            return Optional.empty();
        }
    }
}
