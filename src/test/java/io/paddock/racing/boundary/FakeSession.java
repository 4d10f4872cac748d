package io.paddock.racing.boundary;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import jakarta.websocket.CloseReason;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;

/**
 * A {@link Session} without a network for {@link RaceHub} unit tests: records what is sent and how
 * it was closed. A <em>stalled</em> session accepts asynchronous sends but never completes them, like
 * a client that stopped reading; a normal one completes each send at once and hands the text to an
 * optional listener (which can answer, as a mod answers {@code ping}).
 */
final class FakeSession {

    final String id;
    final boolean stalled;
    final List<String> sent = new ArrayList<>();
    final List<SendHandler> pending = new ArrayList<>();
    final Map<String, Object> userProperties = new ConcurrentHashMap<>();
    volatile CloseReason closed;
    volatile Consumer<String> listener = text -> {
    };
    final Session session;

    private FakeSession(String id, boolean stalled) {
        this.id = id;
        this.stalled = stalled;
        RemoteEndpoint.Async async = (RemoteEndpoint.Async) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {RemoteEndpoint.Async.class}, (proxy, method, args) -> {
                    if (method.getName().equals("sendText") && args.length == 2 && args[1] instanceof SendHandler h) {
                        String text = (String) args[0];
                        synchronized (this) {
                            sent.add(text);
                        }
                        if (this.stalled) {
                            synchronized (this) {
                                pending.add(h);
                            }
                        } else {
                            h.onResult(new SendResult());
                            listener.accept(text);
                        }
                        return null;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        this.session = (Session) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Session.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getId" -> this.id;
                    case "isOpen" -> closed == null;
                    case "getAsyncRemote" -> async;
                    case "getUserProperties" -> userProperties;
                    case "getRequestParameterMap" -> Map.of();
                    case "getNegotiatedExtensions" -> java.util.List.of();
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

    static FakeSession answering(String id) {
        return new FakeSession(id, false);
    }

    static FakeSession stalled(String id) {
        return new FakeSession(id, true);
    }

    synchronized List<String> sent() {
        return List.copyOf(sent);
    }

    synchronized long sentOfType(String type) {
        return sent.stream().filter(t -> t.contains("\"type\":\"" + type + "\"")).count();
    }

    int closeCode() {
        return closed == null ? -1 : closed.getCloseCode().getCode();
    }
}
