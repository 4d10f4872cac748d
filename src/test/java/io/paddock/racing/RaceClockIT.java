package io.paddock.racing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.annotation.Resource;
import jakarta.inject.Inject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

import io.paddock.platform.persistence.PaddockDataSource;
import io.paddock.racing.control.RaceClock;
import io.paddock.testing.Deployments;
import io.paddock.testing.PaddockIT;

/**
 * In-container: the race clock lives in the database, not in a timer. A countdown whose start passed
 * while the server was down (inserted directly, as a restart would find it) is running after the
 * startup catch-up, with the scheduled time as its start.
 */
@PaddockIT
class RaceClockIT {

    @Deployment
    static WebArchive deployment() {
        return Deployments.paddockWithHarness();
    }

    @Resource(lookup = PaddockDataSource.JNDI_NAME)
    DataSource dataSource;

    @Inject
    RaceClock clock;

    @Test
    void aStartMissedWhileDownHappensAtStartup() throws SQLException {
        Instant scheduled = Instant.now().minus(10, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MILLIS);
        UUID user = UUID.randomUUID();
        UUID seed = UUID.randomUUID();
        UUID race = UUID.randomUUID();
        try (Connection c = dataSource.getConnection()) {
            update(c, "INSERT INTO users (id, display_name, created_at) VALUES (?, 'Organizer', now())", user);
            update(c, "INSERT INTO seeds (id, seed_number, pool_name, graph_json, total_layers, location, status, created_at)"
                    + " VALUES (?, 777777, 'restart', '{\"total_layers\": 2}', 2, 'restart/available/seed_777777', 'CONSUMED', now())",
                    seed);
            try (PreparedStatement s = c.prepareStatement("INSERT INTO races (id, name, organizer_id, seed_id, pool_name,"
                    + " status, scheduled_start, packs_released_at, created_at) VALUES (?, 'Restart', ?, ?, 'restart',"
                    + " 'COUNTDOWN', ?, now(), now())")) {
                s.setObject(1, race);
                s.setObject(2, user);
                s.setObject(3, seed);
                s.setTimestamp(4, Timestamp.from(scheduled));
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO participants (id, race_id, user_id, twitch_username,"
                    + " legacy_token_hash, status, color_index, created_at) VALUES (?, ?, ?, 'restarter', ?, 'READY', 0, now())")) {
                s.setObject(1, UUID.randomUUID());
                s.setObject(2, race);
                s.setObject(3, user);
                s.setString(4, io.paddock.platform.security.Digests.tokenHash(UUID.randomUUID().toString()));
                s.executeUpdate();
            }
        }

        clock.catchUp();

        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT status, started_at FROM races WHERE id = ?")) {
            s.setObject(1, race);
            try (ResultSet rows = s.executeQuery()) {
                rows.next();
                assertEquals("RUNNING", rows.getString("status"));
                assertEquals(scheduled, rows.getTimestamp("started_at").toInstant(),
                        "a late start keeps the scheduled time as the start");
            }
        }
    }

    private static void update(Connection c, String sql, UUID id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, id);
            s.executeUpdate();
        }
    }
}
