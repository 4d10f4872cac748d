package io.paddock.platform.health;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.paddock.platform.persistence.PaddockDataSource;

/** Ready only while PostgreSQL answers: without it no request can be served. */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements HealthCheck {

    @Resource(lookup = PaddockDataSource.JNDI_NAME)
    DataSource dataSource;

    @Override
    public HealthCheckResponse call() {
        try (Connection connection = dataSource.getConnection()) {
            boolean valid = connection.isValid(2);
            return HealthCheckResponse.named("database").status(valid)
                    .withData("product", connection.getMetaData().getDatabaseProductName() + " "
                            + connection.getMetaData().getDatabaseProductVersion())
                    .build();
        } catch (SQLException e) {
            return HealthCheckResponse.named("database").down().withData("error", e.getSQLState() == null
                    ? "unreachable" : "SQL state " + e.getSQLState()).build();
        }
    }
}
