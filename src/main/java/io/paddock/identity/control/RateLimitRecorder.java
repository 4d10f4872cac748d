package io.paddock.identity.control;

import java.time.Instant;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import io.paddock.identity.entity.RateLimitLog;

/** Writes refusals in their own transaction: the refused request itself rolls back. */
@Stateless
public class RateLimitRecorder {

    @PersistenceContext
    EntityManager em;

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void record(String bucket, String subject, Instant at) {
        em.persist(new RateLimitLog(bucket, subject, at));
    }
}
