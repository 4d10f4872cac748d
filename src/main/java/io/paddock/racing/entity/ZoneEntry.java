package io.paddock.racing.entity;

import java.io.Serializable;
import java.util.Objects;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * One entry of a participant's zone history, stored as its own row: entering a zone appends one row
 * (position {@code seq}, from 0) and never rewrites the others. Written once, never changed.
 */
@Entity
@Table(name = "participant_zones")
@IdClass(ZoneEntry.Key.class)
@NamedQuery(name = ZoneEntry.OF_RACE, query = "SELECT z FROM ZoneEntry z, Participant p "
        + "WHERE p.id = z.participantId AND p.race.id = :raceId ORDER BY z.participantId, z.seq")
@NamedQuery(name = ZoneEntry.DELETE_OF, query = "DELETE FROM ZoneEntry z WHERE z.participantId IN :participants")
public class ZoneEntry {

    public static final String OF_RACE = "ZoneEntry.ofRace";
    public static final String DELETE_OF = "ZoneEntry.deleteOf";

    @Id
    private UUID participantId;
    @Id
    private int seq;
    private String nodeId;
    private long igtMs;
    private Integer layer;

    protected ZoneEntry() {
    }

    public ZoneEntry(UUID participantId, int seq, ZoneVisit visit) {
        this.participantId = Objects.requireNonNull(participantId, "A zone entry needs a participant.");
        this.seq = seq;
        this.nodeId = Objects.requireNonNull(visit.nodeId(), "A zone entry needs a node.");
        this.igtMs = visit.igtMs();
        this.layer = visit.layer();
    }

    public UUID participantId() {
        return participantId;
    }

    public int seq() {
        return seq;
    }

    public ZoneVisit visit() {
        return new ZoneVisit(nodeId, igtMs, layer);
    }

    /** The primary key: participant and position. */
    public static class Key implements Serializable {

        private static final long serialVersionUID = 1L;

        public UUID participantId;
        public int seq;

        public Key() {
        }

        public Key(UUID participantId, int seq) {
            this.participantId = participantId;
            this.seq = seq;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && seq == k.seq && Objects.equals(participantId, k.participantId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(participantId, seq);
        }
    }
}
