package io.paddock.transfers.control;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;

import io.paddock.platform.audit.AuditTrail;
import io.paddock.platform.audit.Justification;
import io.paddock.platform.errors.ConflictException;
import io.paddock.transfers.entity.JobState;
import io.paddock.transfers.entity.Provider;
import io.paddock.transfers.entity.ProviderChange;
import io.paddock.transfers.entity.ProviderSetting;
import io.paddock.transfers.entity.TransferJob;

/**
 * Which provider downloads new jobs, and its history. An admin switches with the version read, a reason and
 * a ticket: the setting, its history row and the audit row commit together. Jobs already submitted keep
 * the provider they started on; the switch answers how many of them are still running there.
 */
@Stateless
public class Providers {

    /** The active provider as admins see it, with every provider and whether this node can use it. */
    public record Active(String provider, long version, Instant changedAt, UUID changedBy,
            List<Available> providers) {
    }

    /** A provider and whether it is configured on this node (Seedr needs its base URL and credentials). */
    public record Available(String name, boolean configured) {
    }

    /** A switch done: the new state and the jobs still running on the provider switched away from. */
    public record Switched(Active active, int inFlight) {
    }

    /** A page of the history, newest first; {@code nextBefore} (a version) fetches the next. */
    public record History(List<ProviderChange> changes, Long nextBefore) {
    }

    static final EnumSet<JobState> IN_FLIGHT = EnumSet.of(JobState.SUBMITTED, JobState.METADATA_FETCH,
            JobState.QUEUED, JobState.DOWNLOADING, JobState.UPLOADING, JobState.PAUSED);

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    AuditTrail audit;

    @Inject
    SeedrClient seedr;

    /** The provider new jobs start on. */
    public Provider active() {
        return setting().provider();
    }

    public Active view() {
        return view(setting());
    }

    private Active view(ProviderSetting s) {
        return new Active(s.provider().wire(), s.version(), s.changedAt(), s.changedBy(),
                List.of(new Available(Provider.BUILTIN.wire(), true),
                        new Available(Provider.SEEDR.wire(), seedr.configured())));
    }

    public Switched switchTo(AuditTrail.Actor actor, Provider next, long expectedVersion, Justification why) {
        ProviderSetting setting = setting();
        if (setting.version() != expectedVersion) {
            throw new ConflictException("concurrent-update", "Concurrent update",
                    "The provider setting changed since you read it (version " + setting.version() + "); read it again.");
        }
        if (next == Provider.SEEDR && !seedr.configured()) {
            throw new ConflictException("provider-not-configured", "Provider not configured",
                    "Seedr is not configured on this node: set paddock.transfers.seedr.base-url, "
                            + "paddock.transfers.seedr.username and paddock.transfers.seedr.password first.");
        }
        Provider before = setting.provider();
        Instant now = clock.instant();
        if (!setting.switchTo(next, actor == null ? null : actor.id(), now)) {
            throw new ConflictException("provider-unchanged", "Provider unchanged",
                    "The active provider is already " + next.wire() + ".");
        }
        int inFlight = em.createQuery("SELECT COUNT(j) FROM TransferJob j WHERE j.provider = :p AND j.state IN :states",
                Long.class).setParameter("p", before).setParameter("states", IN_FLIGHT).getSingleResult().intValue();
        em.flush(); // the version this switch made names its history row
        em.persist(new ProviderChange(setting.version(), now, before, next, actor == null ? null : actor.id(),
                actor == null ? null : actor.name(), why.reason(), why.ticketId(), inFlight));
        audit.record(actor, AuditTrail.Action.of("transfers.provider.switch", "transfers-provider", "active")
                .change("provider=" + before.wire(), "provider=" + next.wire() + ", inFlight=" + inFlight), why);
        return new Switched(view(setting), inFlight);
    }

    /** Switches, newest first, keyset-paged by version. */
    public History history(Long before, int limit) {
        TypedQuery<ProviderChange> query = em.createQuery("SELECT c FROM ProviderChange c"
                + (before == null ? "" : " WHERE c.version < :before") + " ORDER BY c.version DESC",
                ProviderChange.class).setMaxResults(limit + 1);
        if (before != null) {
            query.setParameter("before", before);
        }
        List<ProviderChange> rows = query.getResultList();
        boolean more = rows.size() > limit;
        List<ProviderChange> page = more ? rows.subList(0, limit) : rows;
        return new History(List.copyOf(page), more ? page.get(page.size() - 1).version() : null);
    }

    /** The provider a job started on (builtin when the job is gone). */
    public Provider of(UUID jobId) {
        TransferJob job = em.find(TransferJob.class, jobId);
        return job == null ? Provider.BUILTIN : job.provider();
    }

    private ProviderSetting setting() {
        return em.find(ProviderSetting.class, ProviderSetting.ID);
    }
}
