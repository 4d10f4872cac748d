package io.paddock.discord.control;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import io.paddock.discord.entity.Room;
import io.paddock.identity.control.Accounts;

/** Rooms in the database: each change in its own transaction, announced after commit ({@link RoomChanged}). */
@Stateless
public class RoomStore {

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    Event<RoomChanged> changes;

    @Inject
    Accounts accounts;

    public Room record(String channelId, String guildId, String name, UUID creatorId, UUID raceId, Integer userLimit) {
        Room room = new Room(channelId, guildId, name, creatorId == null ? null : accounts.find(creatorId), raceId,
                userLimit, clock.instant());
        em.persist(room);
        em.flush();
        changes.fire(new RoomChanged(DiscordEvent.ROOM_CREATED, guildId, channelId, name, raceId));
        return room;
    }

    public Optional<Room> byChannel(String channelId) {
        return em.createNamedQuery(Room.BY_CHANNEL, Room.class).setParameter("channelId", channelId)
                .getResultStream().findFirst();
    }

    public Optional<Room> openOfRace(UUID raceId) {
        return em.createNamedQuery(Room.OPEN_OF_RACE, Room.class).setParameter("raceId", raceId.toString()).getResultStream()
                .findFirst();
    }

    /**
     * Marks the room of this channel ended (if Paddock knows it and it was open); the room, if any. One
     * conditional update, so the REST path and the gateway's report of the same deletion never conflict:
     * whichever comes first ends it and announces it.
     */
    public Optional<Room> ended(String channelId) {
        int changed = em.createNamedQuery(Room.END).setParameter("channelId", channelId)
                .setParameter("now", clock.instant()).executeUpdate();
        Optional<Room> room = byChannel(channelId);
        if (changed > 0) {
            room.ifPresent(r -> changes.fire(new RoomChanged(DiscordEvent.ROOM_DELETED, r.guildId(), r.channelId(),
                    r.name(), r.raceId())));
        }
        return room;
    }

    /** The race's open room is to be removed from {@code at} on; false when it has none. */
    public boolean endRaceRoomFrom(UUID raceId, Instant at) {
        Optional<Room> room = openOfRace(raceId);
        room.ifPresent(r -> r.endFrom(at));
        return room.isPresent();
    }

    /** Open race rooms whose removal time has come, oldest first. */
    public List<Room> due(int max) {
        return em.createNamedQuery(Room.DUE, Room.class).setParameter("now", clock.instant()).setMaxResults(max)
                .getResultList();
    }

    public List<Room> recent(int max) {
        return em.createNamedQuery(Room.RECENT, Room.class).setMaxResults(max).getResultList();
    }

    public List<Room> open() {
        return em.createNamedQuery(Room.OPEN, Room.class).getResultList();
    }
}
