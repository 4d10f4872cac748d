package io.paddock.platform.web;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;

/**
 * WebSocket handshakes get no response headers of Paddock's own: Payara keeps the handshake's request
 * and response, headers included, for as long as the upgraded socket lives, so each header field on a
 * 101 costs every idle socket ~0.4 KB for hours, and a browser applies none of the page headers to a
 * socket. A handshake the container refuses goes through the ERROR dispatch, which adds them as usual.
 */
public final class WebSocketHandshakes {

    private WebSocketHandshakes() {
    }

    /** A request's first dispatch asking to become a WebSocket. */
    public static boolean isHandshake(HttpServletRequest request) {
        return request.getDispatcherType() == DispatcherType.REQUEST
                && "websocket".equalsIgnoreCase(request.getHeader("Upgrade"));
    }
}
