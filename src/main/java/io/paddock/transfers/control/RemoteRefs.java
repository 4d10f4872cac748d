package io.paddock.transfers.control;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import io.paddock.transfers.entity.Provider;

/**
 * What a remote provider calls a job, kept so that a restart continues the remote work instead of adding
 * the torrent again, and a cancel or delete removes it there (the row outlives a deleted job until then).
 * The reference is the provider's own text; each call is its own transaction.
 */
@Stateless
public class RemoteRefs {

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    public String find(UUID jobId) {
        List<?> rows = em.createNativeQuery("SELECT remote_ref FROM transfer_remote_refs WHERE job_id = ?")
                .setParameter(1, jobId).getResultList();
        return rows.isEmpty() ? null : (String) rows.get(0);
    }

    public void save(UUID jobId, Provider provider, String ref) {
        em.createNativeQuery("INSERT INTO transfer_remote_refs (job_id, provider, remote_ref, updated_at) "
                + "VALUES (?, ?, ?, ?) ON CONFLICT (job_id) DO UPDATE SET provider = EXCLUDED.provider, "
                + "remote_ref = EXCLUDED.remote_ref, updated_at = EXCLUDED.updated_at")
                .setParameter(1, jobId).setParameter(2, provider.name()).setParameter(3, ref)
                .setParameter(4, Timestamp.from(clock.instant())).executeUpdate();
    }

    public void remove(UUID jobId) {
        em.createNativeQuery("DELETE FROM transfer_remote_refs WHERE job_id = ?").setParameter(1, jobId)
                .executeUpdate();
    }
}
