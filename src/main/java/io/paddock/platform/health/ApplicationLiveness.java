package io.paddock.platform.health;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Alive while the JVM has head-room; a process that keeps failing allocations should be restarted.
 * Components with threads of their own (gateway sessions, torrent engine) add their own checks.
 */
@Liveness
@ApplicationScoped
public class ApplicationLiveness implements HealthCheck {

    @Override
    public HealthCheckResponse call() {
        Runtime runtime = Runtime.getRuntime();
        long used = runtime.totalMemory() - runtime.freeMemory();
        long max = runtime.maxMemory();
        return HealthCheckResponse.named("memory").status(used < max * 0.98)
                .withData("usedMb", used / (1024 * 1024)).withData("maxMb", max / (1024 * 1024)).build();
    }
}
