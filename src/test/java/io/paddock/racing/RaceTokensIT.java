package io.paddock.racing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.annotation.Resource;
import jakarta.inject.Inject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

import io.paddock.platform.persistence.PaddockDataSource;
import io.paddock.platform.security.Digests;
import io.paddock.racing.control.RaceTokens;
import io.paddock.testing.Deployments;
import io.paddock.testing.PaddockIT;

/**
 * In-container: tokens are stored only as hashes. A row as V7 leaves it (the SHA-256 of a token issued
 * before tokens were derived, no derived hash yet) gets its derived hash at startup, and then both the
 * old token and the derived one find the participant or invite.
 */
@PaddockIT
class RaceTokensIT {

    @Deployment
    static WebArchive deployment() {
        return Deployments.paddockWithHarness();
    }

    @Resource(lookup = PaddockDataSource.JNDI_NAME)
    DataSource dataSource;

    @Inject
    RaceTokens tokens;

    @Test
    void noClearTokenColumnIsLeft() throws SQLException {
        List<String> columns = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT table_name || '.' || column_name FROM "
                        + "information_schema.columns WHERE table_name IN ('participants', 'invites') AND column_name "
                        + "LIKE '%token%' ORDER BY 1");
                ResultSet rows = s.executeQuery()) {
            while (rows.next()) {
                columns.add(rows.getString(1));
            }
        }
        assertEquals(List.of("invites.legacy_token_hash", "invites.token_hash", "participants.legacy_token_hash",
                "participants.mod_token_hash", "participants.token_generation"), columns);
    }

    @Test
    void tokensIssuedBeforeV7KeepWorkingBesideTheDerivedOnes() throws SQLException {
        UUID user = UUID.randomUUID();
        UUID seed = UUID.randomUUID();
        UUID race = UUID.randomUUID();
        UUID participant = UUID.randomUUID();
        UUID invite = UUID.randomUUID();
        String oldModToken = "0123456789abcdef0123456789abcdef0123456789abcdef";
        String oldInviteToken = "fedcba9876543210fedcba9876543210fedcba9876543210";
        try (Connection c = dataSource.getConnection()) {
            update(c, "INSERT INTO users (id, display_name, created_at) VALUES (?, 'Organizer', now())", user);
            update(c, "INSERT INTO seeds (id, seed_number, pool_name, graph_json, total_layers, location, status, created_at)"
                    + " VALUES (?, 888888, 'legacy', '{\"total_layers\": 2}', 2, 'legacy/available/seed_888888', 'CONSUMED', now())",
                    seed);
            update(c, "INSERT INTO races (id, name, organizer_id, seed_id, pool_name, status, created_at) VALUES (?, "
                    + "'Legacy', '" + user + "', '" + seed + "', 'legacy', 'OPEN', now())", race);
            update(c, "INSERT INTO participants (id, race_id, user_id, twitch_username, legacy_token_hash, status, "
                    + "color_index, created_at) VALUES (?, '" + race + "', '" + user + "', 'old', '"
                    + Digests.tokenHash(oldModToken) + "', 'READY', 0, now())", participant);
            update(c, "INSERT INTO invites (id, race_id, twitch_username, legacy_token_hash, created_at, expires_at) "
                    + "VALUES (?, '" + race + "', 'invited', '" + Digests.tokenHash(oldInviteToken) + "', now(), "
                    + "now() + interval '1 day')", invite);
        }

        assertTrue(tokens.deriveStoredHashes() >= 2);

        String derived = tokens.modToken(participant, 0);
        assertEquals(participant, tokens.participant(oldModToken).orElseThrow().id());
        assertEquals(participant, tokens.participant(derived).orElseThrow().id());
        assertTrue(tokens.participant(derived.substring(1) + "0").isEmpty());
        assertEquals(invite, tokens.invite(oldInviteToken).orElseThrow().id());
        assertEquals(invite, tokens.invite(tokens.inviteToken(invite)).orElseThrow().id());
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT mod_token_hash FROM participants WHERE id = ?")) {
            s.setObject(1, participant);
            try (ResultSet rows = s.executeQuery()) {
                rows.next();
                assertEquals(RaceTokens.hash(derived), rows.getString(1), "only the hash of the derived token is stored");
            }
        }
        assertEquals(0, tokens.deriveStoredHashes(), "nothing to do for the same key");
    }

    private static void update(Connection c, String sql, UUID id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, id);
            s.executeUpdate();
        }
    }
}
