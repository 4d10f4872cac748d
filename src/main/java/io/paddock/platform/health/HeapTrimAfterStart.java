package io.paddock.platform.health;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * One full collection a while after the application has started, so the heap the deployment grew
 * (mostly garbage by then) goes back to the system. The serial collector of server-config/micro.conf
 * shrinks its heap only in a full collection, and an idle node runs none of its own: without this an
 * idle node keeps the deployment's peak heap resident. {@code paddock.memory.trim-after-start}
 * ({@code PT0S}: never) sets the delay.
 */
@ApplicationScoped
public class HeapTrimAfterStart {

    private static final Logger LOG = Logger.getLogger(HeapTrimAfterStart.class.getName());

    @Resource
    ManagedThreadFactory threads;

    @Inject
    @ConfigProperty(name = "paddock.memory.trim-after-start", defaultValue = "PT20S")
    Duration delay;

    private ScheduledExecutorService timer;

    void atStartup(@Observes @Initialized(ApplicationScoped.class) Object application) {
        if (delay == null || delay.isZero() || delay.isNegative()) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(threads == null ? Executors.defaultThreadFactory() : threads);
        timer.schedule(this::trim, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    void trim() {
        Runtime runtime = Runtime.getRuntime();
        long before = runtime.totalMemory();
        System.gc();
        LOG.info(() -> String.format("Heap after start-up: %d MB committed before a full collection, %d MB after (%d MB used)",
                before >> 20, runtime.totalMemory() >> 20, (runtime.totalMemory() - runtime.freeMemory()) >> 20));
        timer.shutdown();
    }

    @PreDestroy
    void stop() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
