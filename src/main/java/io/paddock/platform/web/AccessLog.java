package io.paddock.platform.web;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The access log ({@code io.paddock.access}, one {@code METHOD path status duration rid=…} line per
 * request) written by a thread of its own: a request only queues its fields, and the formatting and the
 * console handler's write and flush happen off the request path. Each record keeps the time the request
 * ended and names {@link RequestIdFilter} as its source (no stack walk to find it). When the queue is full
 * the request writes its line itself, so no line is ever dropped. {@link #stop} writes what is queued.
 */
final class AccessLog {

    static final Logger LOGGER = Logger.getLogger("io.paddock.access");
    private static final int CAPACITY = 8192;

    private record Entry(Level level, Instant at, String method, String path, int status, long millis,
            String requestId) {

        LogRecord record() {
            LogRecord record = new LogRecord(level,
                    method + ' ' + path + ' ' + status + ' ' + millis + "ms rid=" + requestId);
            record.setInstant(at);
            record.setLoggerName(LOGGER.getName());
            record.setSourceClassName(RequestIdFilter.class.getName());
            record.setSourceMethodName("doFilter");
            return record;
        }
    }

    private final BlockingQueue<Entry> queue = new ArrayBlockingQueue<>(CAPACITY);
    private final Thread writer;
    private volatile boolean running = true;

    AccessLog() {
        writer = new Thread(this::drain, "paddock-access-log");
        writer.setDaemon(true);
        writer.start();
    }

    /** Whether a line of this level would be written at all (checked on the request thread). */
    static boolean loggable(Level level) {
        return LOGGER.isLoggable(level);
    }

    void add(Level level, String method, String path, int status, long millis, String requestId) {
        Entry entry = new Entry(level, Instant.now(), method, path, status, millis, requestId);
        if (!running || !queue.offer(entry)) {
            LOGGER.log(entry.record()); // full (or stopping): this request writes its own line
        }
    }

    private void drain() {
        List<Entry> batch = new ArrayList<>(256);
        while (running || !queue.isEmpty()) {
            try {
                Entry first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, 255);
                for (Entry entry : batch) {
                    LOGGER.log(entry.record());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
            } catch (RuntimeException e) {
                // A handler failed on one batch: the next lines still get their chance.
            } finally {
                batch.clear();
            }
        }
        Entry left;
        while ((left = queue.poll()) != null) {
            LOGGER.log(left.record());
        }
    }

    /** Writes what is queued and ends the thread (bounded wait). */
    void stop() {
        running = false;
        try {
            writer.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
