package io.paddock.racing;

import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * The bare-Tyrus baseline of bench/spectators.sh: Tyrus 2.1.5 (Payara's) on its own Grizzly server, no
 * servlet container, serving the racing bench's bare spectator endpoint ({@link RacingBench.BareSpectator},
 * {@code /bare/race/{room}}), which does what a spectator's arrival does at the least: the socket joins its
 * room's set and gets one text frame of the size of Paddock's race_state. Runs until killed.
 * <p>
 * Usage: java -cp … io.paddock.racing.BareSpectators PORT [frame bytes (600)]
 */
public final class BareSpectators {

    private BareSpectators() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int bytes = args.length > 1 ? Integer.parseInt(args[1]) : 600;
        RacingBench.greeting = "{\"type\":\"race_state\",\"pad\":\"" + "x".repeat(Math.max(0, bytes - 31)) + "\"}";
        org.glassfish.tyrus.server.Server server = new org.glassfish.tyrus.server.Server("127.0.0.1", port, "/", null,
                Set.of(RacingBench.BareSpectator.class));
        server.start();
        System.out.println("bare Tyrus listening on " + port);
        new CountDownLatch(1).await();
    }
}
