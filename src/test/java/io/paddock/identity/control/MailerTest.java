package io.paddock.identity.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Optional;

import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.paddock.platform.errors.AccessDeniedException;

/** Text mail over SMTP against a GreenMail on loopback; failures are reported, never thrown. */
class MailerTest {

    GreenMail smtp;
    int port;

    @BeforeEach
    void startSmtp() throws IOException {
        port = freePort();
        smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
    }

    @AfterEach
    void stopSmtp() {
        smtp.stop();
    }

    @Test
    void sendsUtf8TextWithTheConfiguredSender() throws Exception {
        Mailer mailer = mailer(Optional.of("127.0.0.1"), port);
        assertTrue(mailer.send(new OutgoingMail("rider@example.test", "Grüße from Paddock", "Hallo Jürgen,\nline 2\n")));
        MimeMessage[] received = smtp.getReceivedMessages();
        assertEquals(1, received.length);
        assertEquals("Grüße from Paddock", received[0].getSubject());
        assertEquals("Paddock <paddock@test.invalid>", received[0].getFrom()[0].toString());
        assertEquals("Hallo Jürgen,\nline 2", received[0].getContent().toString().replace("\r\n", "\n").strip());
    }

    @Test
    void anUnreachableServerIsReportedNotThrown() throws IOException {
        Mailer mailer = mailer(Optional.of("127.0.0.1"), freePort());
        assertFalse(mailer.send(new OutgoingMail("rider@example.test", "Lost", "nobody listens")));
    }

    @Test
    void withoutAHostNothingIsSent() {
        Mailer mailer = mailer(Optional.empty(), port);
        assertFalse(mailer.send(new OutgoingMail("rider@example.test", "Logged only", "see the server log")));
        assertEquals(0, smtp.getReceivedMessages().length);
    }

    @Test
    void withoutAHostLinkFlowsAreRefusedUnlessLinksAreLogged() {
        Mailer mailer = mailer(Optional.empty(), port);
        assertFalse(mailer.delivers());
        AccessDeniedException refused = assertThrows(AccessDeniedException.class, mailer::requireDelivery);
        assertEquals("email-unavailable", refused.slug());
        assertTrue(refused.getMessage().contains("no mail server"), refused.getMessage());

        mailer.logLinks = true; // local use: the link goes to the log, not to anyone's inbox
        assertTrue(mailer.delivers());
        mailer.requireDelivery();
        assertFalse(mailer.send(new OutgoingMail("rider@example.test", "Logged", "https://paddock.test/verify")));
        assertEquals(0, smtp.getReceivedMessages().length);

        assertTrue(mailer(Optional.of("127.0.0.1"), port).delivers());
    }

    @Test
    void aRequiredStarttlsIsNotSilentlySkipped() {
        Mailer mailer = mailer(Optional.of("127.0.0.1"), port);
        mailer.starttls = true; // GreenMail's plain SMTP offers no STARTTLS: refuse rather than send in clear text
        assertFalse(mailer.send(new OutgoingMail("rider@example.test", "Secret", "must not travel in clear")));
        assertEquals(0, smtp.getReceivedMessages().length);
    }

    private static Mailer mailer(Optional<String> host, int port) {
        Mailer mailer = new Mailer();
        mailer.host = host;
        mailer.port = port;
        mailer.username = Optional.empty();
        mailer.password = Optional.empty();
        mailer.from = "Paddock <paddock@test.invalid>";
        mailer.starttls = false;
        mailer.timeout = Duration.ofSeconds(3);
        return mailer;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
