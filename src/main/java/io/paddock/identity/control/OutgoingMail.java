package io.paddock.identity.control;

import java.util.Objects;

/**
 * A plain-text mail to send once the transaction that decided it commits. Fire it as a CDI event;
 * {@link Mailer} observes it after success, so a rolled-back change never mails anyone.
 */
public record OutgoingMail(String to, String subject, String text) {

    public OutgoingMail {
        Objects.requireNonNull(to, "A recipient is required.");
        Objects.requireNonNull(subject, "A subject is required.");
        Objects.requireNonNull(text, "A text is required.");
    }
}
