package io.paddock.platform.websocket;

import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.function.Consumer;

import jakarta.websocket.CloseReason;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;

/**
 * A {@link Session} without a network for hub unit tests: records what is sent and how it was closed.
 * A <em>stalled</em> session accepts asynchronous sends but never completes them, like a client that
 * stopped reading; a normal one completes each send at once and hands the text to an optional
 * listener. A <em>raw</em> session offers the Tyrus shape the hub writes ready frames to (a remote
 * endpoint with a {@code webSocket} field whose socket has {@code sendRawFrame}); the others take
 * {@code sendText} only.
 */
public final class FakeSession {

    final String id;
    final boolean stalled;
    private final List<String> sent = new ArrayList<>();
    private final List<byte[]> frames = new ArrayList<>();
    private final Map<String, Object> userProperties = new ConcurrentHashMap<>();
    private final Map<String, List<String>> parameters;
    public volatile CloseReason closed;
    public volatile Consumer<String> listener = text -> {
    };
    public final Session session;

    private FakeSession(String id, boolean stalled, boolean raw, Map<String, List<String>> parameters) {
        this.id = id;
        this.stalled = stalled;
        this.parameters = parameters;
        Async async = new Async(raw ? new RawSocket() : null);
        this.session = (Session) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Session.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getId" -> this.id;
                    case "isOpen" -> closed == null;
                    case "getAsyncRemote" -> async;
                    case "getUserProperties" -> userProperties;
                    case "getRequestParameterMap" -> this.parameters;
                    case "getNegotiatedExtensions" -> List.of();
                    case "getUserPrincipal" -> null; // an anonymous socket
                    case "close" -> {
                        if (closed == null) {
                            closed = args == null || args.length == 0
                                    ? new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, "")
                                    : (CloseReason) args[0];
                        }
                        yield null;
                    }
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "FakeSession " + this.id;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    public static FakeSession answering(String id) {
        return new FakeSession(id, false, false, Map.of());
    }

    public static FakeSession stalled(String id) {
        return new FakeSession(id, true, false, Map.of());
    }

    /** Answering, with ready frames written raw. */
    public static FakeSession raw(String id) {
        return new FakeSession(id, false, true, Map.of());
    }

    /** Stalled, with ready frames written raw. */
    public static FakeSession rawStalled(String id) {
        return new FakeSession(id, true, true, Map.of());
    }

    /** Answering, opened with these query parameters. */
    public static FakeSession answering(String id, Map<String, List<String>> parameters) {
        return new FakeSession(id, false, false, parameters);
    }

    /** Every text received (frames decoded), in order. */
    public synchronized List<String> sent() {
        return List.copyOf(sent);
    }

    /** The raw frames received, as the very arrays the hub wrote. */
    synchronized List<byte[]> frames() {
        return List.copyOf(frames);
    }

    public synchronized long sentOfType(String type) {
        return sent.stream().filter(t -> t.contains("\"type\":\"" + type + "\"")).count();
    }

    public int closeCode() {
        return closed == null ? -1 : closed.getCloseCode().getCode();
    }

    private void received(String text) {
        synchronized (this) {
            sent.add(text);
        }
        if (!stalled) {
            listener.accept(text);
        }
    }

    /** The Tyrus socket shape: a public {@code sendRawFrame(ByteBuffer)} returning a future. */
    public final class RawSocket {
        public Future<?> sendRawFrame(ByteBuffer buffer) {
            byte[] frame = buffer.array();
            synchronized (FakeSession.this) {
                frames.add(frame);
            }
            received(decode(frame));
            return stalled ? new CompletableFuture<Void>() : CompletableFuture.completedFuture(null);
        }
    }

    static String decode(byte[] frame) {
        int len = frame[1] & 0x7F;
        int header = len <= 125 ? 2 : len == 126 ? 4 : 10;
        return new String(frame, header, frame.length - header, StandardCharsets.UTF_8);
    }

    /** Tyrus's remote endpoint shape: the socket sits in a field named {@code webSocket}. */
    final class Async implements RemoteEndpoint.Async {
        @SuppressWarnings("unused")
        private final Object webSocket;

        Async(Object webSocket) {
            this.webSocket = webSocket;
        }

        @Override
        public void sendText(String text, SendHandler handler) {
            received(text);
            if (!stalled) {
                handler.onResult(new SendResult());
            }
        }

        @Override
        public long getSendTimeout() {
            return 0;
        }

        @Override
        public void setSendTimeout(long timeoutmillis) {
        }

        @Override
        public Future<Void> sendText(String text) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Future<Void> sendBinary(ByteBuffer data) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void sendBinary(ByteBuffer data, SendHandler handler) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Future<Void> sendObject(Object data) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void sendObject(Object data, SendHandler handler) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void setBatchingAllowed(boolean allowed) {
        }

        @Override
        public boolean getBatchingAllowed() {
            return false;
        }

        @Override
        public void flushBatch() {
        }

        @Override
        public void sendPing(ByteBuffer applicationData) {
        }

        @Override
        public void sendPong(ByteBuffer applicationData) {
        }
    }
}
