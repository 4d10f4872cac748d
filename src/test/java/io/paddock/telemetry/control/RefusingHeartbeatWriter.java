package io.paddock.telemetry.control;

import java.util.concurrent.CompletableFuture;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Alternative;

import io.paddock.testing.ServerReset;

/**
 * The heartbeat writer of test deployments (added by {@code Deployments.paddockWithTestSupport()}): on
 * request it refuses new heartbeats as a full queue does, so the 503 answer is tested without 50,000
 * heartbeats in flight. Lives in the writer's package to override its package-private {@code submit}.
 */
@Alternative
@Priority(1000)
@ApplicationScoped
public class RefusingHeartbeatWriter extends HeartbeatWriter {

    private volatile boolean refusing;

    /** Refuse new heartbeats ({@code true}) or take them again. */
    public void refuse(boolean refuse) {
        refusing = refuse;
    }

    /** A server reset for the next test class takes heartbeats again. */
    void reset(@Observes ServerReset.Done reset) {
        refusing = false;
    }

    @Override
    CompletableFuture<Void> submit(Write write) {
        if (refusing) {
            write.done().completeExceptionally(unavailable("Too many heartbeats are waiting to be stored."));
            return write.done();
        }
        return super.submit(write);
    }
}
