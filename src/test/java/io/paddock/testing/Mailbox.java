package io.paddock.testing;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/** Reads what the application mailed to one address from the GreenMail stand-in. */
public final class Mailbox {

    private static final Pattern TOKEN = Pattern.compile("[?&]token=([A-Za-z0-9_-]+)");

    private Mailbox() {
    }

    /** One received mail, decoded. */
    public record Mail(String from, String to, String subject, String text) {

        /** The {@code token} query parameter of the first link in the text. */
        public String token() {
            Matcher matcher = TOKEN.matcher(text);
            if (!matcher.find()) {
                throw new AssertionError("No token link in the mail: " + text);
            }
            return matcher.group(1);
        }
    }

    /** Every mail to this address so far, oldest first. */
    public static List<Mail> to(String address) {
        List<Mail> mails = new ArrayList<>();
        for (MimeMessage message : StandIns.mail().getReceivedMessages()) {
            try {
                Address[] recipients = message.getAllRecipients();
                boolean ours = recipients != null && Arrays.stream(recipients)
                        .anyMatch(r -> r.toString().equalsIgnoreCase(address));
                if (ours) {
                    mails.add(new Mail(message.getFrom()[0].toString(), address, message.getSubject(),
                            message.getContent().toString()));
                }
            } catch (MessagingException | IOException e) {
                throw new AssertionError("Unreadable mail", e);
            }
        }
        return mails;
    }

    /** Waits (up to 10 s) until this address has received {@code count} mails, and returns the newest. */
    public static Mail awaitMail(String address, int count) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (true) {
            List<Mail> mails = to(address);
            if (mails.size() >= count) {
                return mails.get(count - 1);
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Expected " + count + " mails to " + address + ", got " + mails.size());
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("Interrupted", e);
            }
        }
    }
}
