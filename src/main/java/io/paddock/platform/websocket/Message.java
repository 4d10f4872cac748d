package io.paddock.platform.websocket;

import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One message for a channel: the text every subscriber gets, and optionally another text for some
 * audiences (a subscriber's audience tag picks its variant; any other tag gets the default). Plain
 * serializable values, so a message can travel between nodes; the ready frames are built on the
 * node that delivers it, once per variant however many channels and subscribers it reaches.
 */
public final class Message implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String text;
    private final Map<String, String> variants;
    private transient volatile Encoded encoded;

    private Message(String text, Map<String, String> variants) {
        this.text = Objects.requireNonNull(text, "A message needs a text.");
        this.variants = variants;
    }

    /** The same text for every audience. */
    public static Message of(String text) {
        return new Message(text, Map.of());
    }

    /** This message, with {@code text} for subscribers whose audience is {@code audience}. */
    public Message withVariant(String audience, String text) {
        Map<String, String> more = new HashMap<>(variants);
        more.put(Objects.requireNonNull(audience, "An audience is required."),
                Objects.requireNonNull(text, "A variant needs a text."));
        return new Message(this.text, Map.copyOf(more));
    }

    /** The text subscribers of {@code audience} (may be null) receive. */
    public String textFor(String audience) {
        if (audience == null || variants.isEmpty()) {
            return text;
        }
        return variants.getOrDefault(audience, text);
    }

    public String text() {
        return text;
    }

    public Map<String, String> variants() {
        return variants;
    }

    /** The frame for an audience, encoded on first use and kept (for every variant at once). */
    Outgoing outgoing(String audience) {
        Encoded e = encoded;
        if (e == null) {
            e = encode();
        }
        if (audience == null || e.variants.isEmpty()) {
            return e.text;
        }
        return e.variants.getOrDefault(audience, e.text);
    }

    private synchronized Encoded encode() {
        if (encoded == null) {
            Map<String, Outgoing> frames = new HashMap<>();
            variants.forEach((audience, t) -> frames.put(audience, Outgoing.of(t)));
            encoded = new Encoded(Outgoing.of(text), Map.copyOf(frames));
        }
        return encoded;
    }

    private record Encoded(Outgoing text, Map<String, Outgoing> variants) {
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Message m && text.equals(m.text) && variants.equals(m.variants);
    }

    @Override
    public int hashCode() {
        return text.hashCode() * 31 + variants.hashCode();
    }

    @Override
    public String toString() {
        return variants.isEmpty() ? text : text + " " + variants;
    }

    /** A message as text and as a ready WebSocket frame of that text. */
    record Outgoing(String text, byte[] frame) {
        static Outgoing of(String text) {
            return new Outgoing(text, SendPath.textFrame(text));
        }
    }
}
