package io.paddock.identity.control;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;

import io.paddock.platform.errors.InvalidRequestException;
import io.paddock.platform.errors.Problem;

/** Password hashing with Jakarta Security's PBKDF2 (SHA-512, 210,000 iterations) and the password policy. */
@ApplicationScoped
public class Passwords {

    public static final int MIN_LENGTH = 10;
    public static final int MAX_LENGTH = 128;

    @Inject
    Pbkdf2PasswordHash hash;

    @PostConstruct
    void configure() {
        hash.initialize(Map.of(
                "Pbkdf2PasswordHash.Algorithm", "PBKDF2WithHmacSHA512",
                "Pbkdf2PasswordHash.Iterations", "210000",
                "Pbkdf2PasswordHash.SaltSizeBytes", "16",
                "Pbkdf2PasswordHash.KeySizeBytes", "32"));
    }

    public String hash(String password) {
        return hash.generate(password.toCharArray());
    }

    public boolean matches(String password, String stored) {
        return stored != null && password != null && hash.verify(password.toCharArray(), stored);
    }

    /** Refuses a password that breaks the policy, saying every rule it breaks. */
    public void checkPolicy(String password, String email, String field) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (password == null || password.length() < MIN_LENGTH) {
            errors.add(new Problem.FieldError(field, "must have at least " + MIN_LENGTH + " characters"));
        } else if (password.length() > MAX_LENGTH) {
            errors.add(new Problem.FieldError(field, "must have at most " + MAX_LENGTH + " characters"));
        } else {
            if (password.chars().noneMatch(Character::isLetter) || password.chars().allMatch(Character::isLetter)) {
                errors.add(new Problem.FieldError(field, "must mix letters with digits or symbols"));
            }
            if (email != null && password.equalsIgnoreCase(email)) {
                errors.add(new Problem.FieldError(field, "must not be your email address"));
            }
            if (password.chars().distinct().count() < 4) {
                errors.add(new Problem.FieldError(field, "must use at least 4 different characters"));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException("weak-password", "Password too weak",
                    "The password does not meet the password policy.", errors);
        }
    }
}
