package io.paddock.identity.control;

import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.mail.Authenticator;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.paddock.platform.errors.AccessDeniedException;

/**
 * Sends text mail over SMTP with Jakarta Mail (Payara bundles Angus Mail), configured by
 * {@code paddock.smtp.*}. Mail goes out only after the deciding transaction commits; a failure is
 * logged and swallowed, because the change it reports is already saved (the user can ask again).
 * Without {@code paddock.smtp.host} nothing can be sent: flows that depend on a mailed link refuse
 * ({@link #requireDelivery}), unless {@code paddock.mail.log-links=true} (for a local installation, warned at
 * startup) has mails, links included, written to the log instead.
 */
@ApplicationScoped
public class Mailer {

    private static final Logger LOG = Logger.getLogger(Mailer.class.getName());

    @Inject
    @ConfigProperty(name = "paddock.smtp.host")
    Optional<String> host;

    @Inject
    @ConfigProperty(name = "paddock.smtp.port", defaultValue = "25")
    int port;

    @Inject
    @ConfigProperty(name = "paddock.smtp.username")
    Optional<String> username;

    @Inject
    @ConfigProperty(name = "paddock.smtp.password")
    Optional<String> password;

    @Inject
    @ConfigProperty(name = "paddock.smtp.from", defaultValue = "Paddock <noreply@localhost>")
    String from;

    @Inject
    @ConfigProperty(name = "paddock.smtp.starttls", defaultValue = "false")
    boolean starttls;

    @Inject
    @ConfigProperty(name = "paddock.smtp.timeout", defaultValue = "PT10S")
    Duration timeout;

    @Inject
    @ConfigProperty(name = "paddock.mail.log-links", defaultValue = "false")
    boolean logLinks;

    void warnAtStartup(@Observes @Initialized(ApplicationScoped.class) Object started) {
        if (smtpConfigured()) {
            return;
        }
        if (logLinks) {
            LOG.warning("paddock.mail.log-links=true and no paddock.smtp.host: mails, with their sign-in links, are "
                    + "written to this log instead of sent. For local use only: anyone who reads the log can "
                    + "confirm any address and reset any password.");
        } else {
            LOG.info("No paddock.smtp.host: email sign-up and password resets are refused (no mail can be sent). "
                    + "Set paddock.smtp.* to send mail, or paddock.mail.log-links=true to log the links locally.");
        }
    }

    /** Whether mailed links reach someone: an SMTP server is configured, or links are logged (local use). */
    public boolean delivers() {
        return smtpConfigured() || logLinks;
    }

    /** Refuses a flow that only works through a mailed link when no mail can reach anyone. */
    public void requireDelivery() {
        if (!delivers()) {
            throw new AccessDeniedException("email-unavailable", "Email is not available on this server",
                    "This server has no mail server configured, so it cannot mail the link this needs. "
                            + "Sign in with Discord or Twitch instead, or ask the operator to set up mail.");
        }
    }

    private boolean smtpConfigured() {
        return host.isPresent() && !host.get().isBlank();
    }

    void afterCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) OutgoingMail mail) {
        send(mail);
    }

    /** Sends now; true when the SMTP server accepted the message. */
    public boolean send(OutgoingMail mail) {
        if (!smtpConfigured()) {
            if (logLinks) {
                LOG.warning(() -> "paddock.mail.log-links=true: this mail to " + mail.to() + " is logged, not sent:\n"
                        + mail.subject() + "\n\n" + mail.text());
            } else {
                LOG.warning(() -> "paddock.smtp.host is not set, so the mail \"" + mail.subject() + "\" to " + mail.to()
                        + " was not sent.");
            }
            return false;
        }
        try {
            MimeMessage message = new MimeMessage(session());
            message.setFrom(new InternetAddress(from, true));
            message.setRecipients(Message.RecipientType.TO, InternetAddress.parse(mail.to(), true));
            message.setSubject(mail.subject(), "UTF-8");
            message.setText(mail.text(), "UTF-8");
            Transport.send(message);
            return true;
        } catch (MessagingException | RuntimeException e) {
            LOG.log(Level.WARNING, e, () -> "Could not send the mail \"" + mail.subject() + "\" to " + mail.to()
                    + " through " + host.get() + ":" + port);
            return false;
        }
    }

    private Session session() {
        Properties properties = new Properties();
        properties.put("mail.transport.protocol", "smtp");
        properties.put("mail.smtp.host", host.get());
        properties.put("mail.smtp.port", Integer.toString(port));
        String millis = Long.toString(timeout.toMillis());
        properties.put("mail.smtp.connectiontimeout", millis);
        properties.put("mail.smtp.timeout", millis);
        properties.put("mail.smtp.writetimeout", millis);
        if (starttls) {
            // Required, not opportunistic: a server that does not offer STARTTLS is refused.
            properties.put("mail.smtp.starttls.enable", "true");
            properties.put("mail.smtp.starttls.required", "true");
        }
        if (username.isPresent() && !username.get().isBlank()) {
            properties.put("mail.smtp.auth", "true");
            String user = username.get();
            String secret = password.orElse("");
            return Session.getInstance(properties, new Authenticator() {
                @Override
                protected PasswordAuthentication getPasswordAuthentication() {
                    return new PasswordAuthentication(user, secret);
                }
            });
        }
        return Session.getInstance(properties);
    }
}
