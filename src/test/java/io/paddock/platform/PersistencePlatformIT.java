package io.paddock.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.ZoneOffset;

import javax.sql.DataSource;

import jakarta.annotation.Resource;
import jakarta.inject.Inject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

import io.paddock.platform.errors.ConflictException;
import io.paddock.platform.persistence.PaddockDataSource;
import io.paddock.testing.Deployments;
import io.paddock.testing.PaddockIT;

/** In-container: Flyway migrated the fresh schema, JPA shares the pool, refusals roll back. */
@PaddockIT
class PersistencePlatformIT {

    @Deployment
    static WebArchive deployment() {
        return Deployments.paddockWithHarness().addClass(RefusingBean.class);
    }

    @Resource(lookup = PaddockDataSource.JNDI_NAME)
    DataSource dataSource;

    @Inject
    RefusingBean bean;

    @Inject
    Clock clock;

    @Test
    void flywayMigratedTheEmptySchemaAtStartup() throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        "SELECT version, success FROM flyway_schema_history WHERE version = '1'")) {
            assertTrue(rows.next(), "V1 is recorded in the history");
            assertTrue(rows.getBoolean("success"));
        }
    }

    @Test
    void businessRefusalReachesTheCallerUnwrappedAndRollsBack() throws SQLException {
        execute("CREATE TABLE IF NOT EXISTS probe_rows (id int PRIMARY KEY)");
        bean.insert(1);
        ConflictException refusal = assertThrows(ConflictException.class, () -> bean.insertThenRefuse(2));
        assertEquals("probe-refused", refusal.slug());
        assertEquals(1, count("SELECT count(*) FROM probe_rows"), "row 2 was rolled back, row 1 kept");
    }

    @Test
    void jpaAndTheDataSourceShareOneDatabase() throws SQLException {
        assertEquals(bean.currentDatabase(), text("SELECT current_database()"));
    }

    @Test
    void theDefaultClockIsUtc() {
        assertEquals(ZoneOffset.UTC, clock.getZone());
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private long count(String sql) throws SQLException {
        return Long.parseLong(text(sql));
    }

    private String text(String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }
}
