package io.paddock.identity.entity;

import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/** One request refused by a rate limit: which limit, for whom (IP or account), when. */
@Entity
@Table(name = "rate_limit_logs")
@NamedQuery(name = RateLimitLog.DELETE_OLD, query = "DELETE FROM RateLimitLog r WHERE r.refusedAt < :before")
public class RateLimitLog {

    public static final String DELETE_OLD = "RateLimitLog.deleteOld";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    private String bucket;
    private String subject;
    private Instant refusedAt;

    protected RateLimitLog() {
    }

    public RateLimitLog(String bucket, String subject, Instant refusedAt) {
        this.bucket = bucket;
        this.subject = subject.length() > 300 ? subject.substring(0, 300) : subject;
        this.refusedAt = refusedAt;
    }
}
