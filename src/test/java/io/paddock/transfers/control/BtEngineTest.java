package io.paddock.transfers.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;

import org.junit.jupiter.api.Test;

class BtEngineTest {

    @Test
    void theStallLimitDoublesWithEachRestartUpToTenMinutes() {
        assertEquals(Duration.ofSeconds(15), BtEngine.stallLimit(0));
        assertEquals(Duration.ofSeconds(30), BtEngine.stallLimit(1));
        assertEquals(Duration.ofSeconds(480), BtEngine.stallLimit(5));
        assertEquals(Duration.ofMinutes(10), BtEngine.stallLimit(6));
        assertEquals(Duration.ofMinutes(10), BtEngine.stallLimit(1000));
    }

    static BtEngine engine(int port) {
        BtEngine engine = new BtEngine();
        engine.address = "127.0.0.1";
        engine.port = port;
        engine.messageInterval = Duration.ofMillis(2);
        engine.networkBuffer = 1 << 20;
        return engine;
    }

    static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    @Test
    void aPortTakenByAnotherProcessIsRefusedWithTheReasonAndTriedAgainAtTheNextUse() throws IOException {
        ServerSocket other = new ServerSocket();
        other.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        BtEngine engine = engine(other.getLocalPort());
        try {
            IllegalStateException refused = assertThrows(IllegalStateException.class, engine::runtime);
            assertTrue(refused.getMessage().startsWith("The BitTorrent engine cannot listen on port "
                    + other.getLocalPort() + ": "), refused.getMessage());
            other.close();
            assertInstanceOf(BtEngine.BoundAcceptor.class,
                    engine.runtime().service(bt.net.SocketChannelConnectionAcceptor.class),
                    "bt accepts peers on the channel the engine bound, not on one of its own");
            try (Socket peer = new Socket(InetAddress.getLoopbackAddress(), engine.port)) {
                assertTrue(peer.isConnected());
            }
        } finally {
            other.close();
            engine.shutdown();
        }
    }

    @Test
    void aShutDownEngineFreesItsPortAndStartsNoRuntimeAgain() throws IOException {
        BtEngine engine = engine(freePort());
        engine.runtime();
        engine.shutdown();
        try (ServerSocket next = new ServerSocket()) {
            next.setReuseAddress(true);
            next.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), engine.port));
            assertTrue(next.isBound(), "the next engine (a new instance) can take the port");
        }
        assertEquals("The BitTorrent engine is shut down.",
                assertThrows(IllegalStateException.class, engine::runtime).getMessage());
    }
}
