package io.paddock.admin.entity;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.paddock.platform.persistence.NullableUuid;

/**
 * One change of a runtime setting: its value before and after, who and why. Written once (the table refuses
 * updates and deletes). A secret setting's values are never stored: both read {@link #MASK}.
 */
@Entity
@Table(name = "config_changes")
public class ConfigChange {

    /** What a secret's value reads as, in the table and in every answer. */
    public static final String MASK = "••••••";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    private Instant at;
    private String setting;
    private String oldValue;
    private String newValue;
    private boolean secret;
    @Convert(converter = NullableUuid.class)
    private UUID actorId;
    private String actorName;
    private String reason;
    private String ticketId;

    protected ConfigChange() {
    }

    public ConfigChange(Instant at, String setting, String oldValue, String newValue, boolean secret, UUID actorId,
            String actorName, String reason, String ticketId) {
        this.at = at;
        this.setting = setting;
        this.secret = secret;
        this.oldValue = secret ? (oldValue == null ? null : MASK) : oldValue;
        this.newValue = secret ? (newValue == null ? null : MASK) : newValue;
        this.actorId = actorId;
        this.actorName = actorName;
        this.reason = reason;
        this.ticketId = ticketId;
    }

    public Long id() { return id; }
    public Instant at() { return at; }
    public String setting() { return setting; }
    public String oldValue() { return oldValue; }
    public String newValue() { return newValue; }
    public boolean secret() { return secret; }
    public UUID actorId() { return actorId; }
    public String actorName() { return actorName; }
    public String reason() { return reason; }
    public String ticketId() { return ticketId; }
}
