package io.paddock.platform.persistence;

import java.util.logging.Logger;

import javax.sql.DataSource;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings the schema up to date with the SQL in {@code migrations/} (packaged as
 * {@code db/migration} on the class path) before the application serves anything.
 * Startup beans that use JPA declare {@code @DependsOn("DatabaseMigrator")}; EclipseLink itself
 * connects lazily, on the first use of an {@code EntityManager}.
 */
@Startup
@Singleton(name = "DatabaseMigrator")
@TransactionManagement(TransactionManagementType.BEAN)
public class DatabaseMigrator {

    private static final Logger LOG = Logger.getLogger(DatabaseMigrator.class.getName());

    @Resource(lookup = PaddockDataSource.JNDI_NAME)
    DataSource dataSource;

    @PostConstruct
    void migrate() {
        MigrateResult result = Flyway.configure(getClass().getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .validateMigrationNaming(true)
                .load()
                .migrate();
        LOG.info(() -> String.format("Database schema at version %s (%d migrations applied now).",
                result.targetSchemaVersion == null ? result.initialSchemaVersion : result.targetSchemaVersion,
                result.migrationsExecuted));
    }
}
