package io.paddock.transfers.control;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;

import io.paddock.transfers.entity.Provider;

/**
 * The engine the transfers module talks to: it hands each job to the engine of the provider the job
 * started on ({@link BtEngine} for {@code builtin}, {@link SeedrEngine} for {@code seedr}), so a provider
 * switch changes only where new jobs go. Stopping asks both (a job runs on at most one).
 */
@ApplicationScoped
@Alternative
@Priority(Interceptor.Priority.APPLICATION)
public class ProviderEngines implements TorrentEngine {

    @Inject
    BtEngine builtin;

    @Inject
    SeedrEngine seedr;

    @Inject
    Providers providers;

    @Override
    public void start(Job job, Listener listener) {
        if (providers.of(job.id()) == Provider.SEEDR) {
            builtin.stop(job.id());
            seedr.start(job, listener);
        } else {
            seedr.stop(job.id());
            builtin.start(job, listener);
        }
    }

    @Override
    public boolean stop(UUID jobId) {
        boolean a = builtin.stop(jobId);
        boolean b = seedr.stop(jobId);
        return a || b;
    }

    @Override
    public boolean discard(UUID jobId) {
        boolean a = builtin.discard(jobId);
        boolean b = seedr.discard(jobId);
        return a || b;
    }

    @Override
    public Set<UUID> running() {
        Set<UUID> all = new HashSet<>(builtin.running());
        all.addAll(seedr.running());
        return all;
    }
}
