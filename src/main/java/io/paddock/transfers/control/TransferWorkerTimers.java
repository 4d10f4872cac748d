package io.paddock.transfers.control;

import java.time.Duration;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * This node's transfer worker timers: the queue poll ({@code paddock.transfers.queue.poll}) and the
 * node heartbeat ({@code paddock.transfers.node.heartbeat}); both only delegate to
 * {@link TransferWorker}. Registers the node before anything else. Not persistent: they belong to this
 * node's life (a node that is not running must not heartbeat; its silence is what declares it dead).
 */
@Singleton
@Startup
@DependsOn("DatabaseMigrator")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class TransferWorkerTimers {

    private static final String POLL = "transfer queue poll";
    private static final String HEARTBEAT = "transfer node heartbeat";

    @Inject
    TransferWorker worker;

    @Inject
    @ConfigProperty(name = "paddock.transfers.queue.poll", defaultValue = "PT1S")
    Duration poll;

    @Inject
    @ConfigProperty(name = "paddock.transfers.node.heartbeat", defaultValue = "PT5S")
    Duration heartbeat;

    @Resource
    TimerService timers;

    @PostConstruct
    void start() {
        worker.heartbeat();
        long pollMs = Math.max(100, poll.toMillis());
        long beatMs = Math.max(500, heartbeat.toMillis());
        timers.createIntervalTimer(pollMs, pollMs, new TimerConfig(POLL, false));
        timers.createIntervalTimer(beatMs, beatMs, new TimerConfig(HEARTBEAT, false));
    }

    @Timeout
    void fire(Timer timer) {
        if (HEARTBEAT.equals(timer.getInfo())) {
            worker.heartbeat();
        } else {
            worker.tick();
        }
    }
}
