package io.paddock.racing.boundary;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Future;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.websocket.Session;

/**
 * Broadcast frames encoded once per room tick and written as they are to every socket. Through the
 * standard API each {@code sendText} encodes the text to UTF-8 again, builds a frame and re-arms the
 * session's idle timer: on Payara that made a 3 KB {@code player_updates} frame cost ~100 µs per
 * spectator, so 1,000 spectators took most of a tick (STACK.md, pitfall 9, where Tyrus's own
 * {@code broadcast} — the same technique — measured 3× cheaper than the standard API; it cannot be
 * used as is because it reaches every session of the endpoint, all rooms together).
 *
 * <p>Tyrus keeps the socket of a session in a package-private field of its remote endpoints; the
 * socket's {@code sendRawFrame} is public. Without that field, or when the session negotiated an
 * extension (a frame would then need per-session encoding), {@link #socketOf} answers null and the
 * hub uses the standard API.
 */
final class RawFrames {

    private static final Logger LOG = Logger.getLogger(RawFrames.class.getName());
    private static volatile Field socketField;
    private static volatile Method sendRaw;
    private static volatile boolean unavailable;

    private RawFrames() {
    }

    /** A final, unmasked text frame (RFC 6455 §5.2, as a server sends it) carrying {@code text}. */
    static byte[] textFrame(String text) {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        int n = payload.length;
        int header = n <= 125 ? 2 : n <= 0xFFFF ? 4 : 10;
        byte[] frame = new byte[header + n];
        frame[0] = (byte) 0x81;
        if (n <= 125) {
            frame[1] = (byte) n;
        } else if (n <= 0xFFFF) {
            frame[1] = 126;
            frame[2] = (byte) (n >>> 8);
            frame[3] = (byte) n;
        } else {
            frame[1] = 127;
            long len = n;
            for (int i = 0; i < 8; i++) {
                frame[2 + i] = (byte) (len >>> (56 - 8 * i));
            }
        }
        System.arraycopy(payload, 0, frame, header, n);
        return frame;
    }

    /** The session's Tyrus socket, or null when frames must go through the standard API. */
    static Object socketOf(Session session) {
        if (unavailable || !session.getNegotiatedExtensions().isEmpty()) {
            return null;
        }
        try {
            Object remote = session.getAsyncRemote();
            Field field = socketField;
            if (field == null || !field.getDeclaringClass().isInstance(remote)) {
                field = null;
                for (Class<?> c = remote.getClass(); c != null && field == null; c = c.getSuperclass()) {
                    for (Field f : c.getDeclaredFields()) {
                        if (f.getName().equals("webSocket")) {
                            f.setAccessible(true);
                            field = f;
                        }
                    }
                }
                if (field == null) {
                    return giveUp(null);
                }
                socketField = field;
            }
            Object socket = field.get(remote);
            if (socket == null) {
                return null;
            }
            if (sendRaw == null) {
                sendRaw = socket.getClass().getMethod("sendRawFrame", ByteBuffer.class);
            }
            return socket;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return giveUp(e);
        }
    }

    /** Writes a frame built by {@link #textFrame}; the future completes when it is written. */
    static Future<?> send(Object socket, byte[] frame) {
        try {
            return (Future<?>) sendRaw.invoke(socket, ByteBuffer.wrap(frame));
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object giveUp(Exception e) {
        unavailable = true;
        LOG.log(Level.INFO, "Broadcasts use the standard WebSocket API (no Tyrus socket found)", e);
        return null;
    }
}
