package io.paddock.platform.persistence;

import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.ejb.Singleton;

/**
 * The one PostgreSQL pool, {@code java:app/jdbc/paddock}. Its settings come from MicroProfile Config
 * through Payara's {@code ${MPCONFIG=…}} expansion, which sees environment variables and system
 * properties ({@code PADDOCK_DB_URL}, {@code -Dpaddock.db.url}) but not the WAR's own
 * microprofile-config.properties, so scripts/run, the tests and the Dockerfile always set them.
 */
@Singleton
@DataSourceDefinition(
        name = PaddockDataSource.JNDI_NAME,
        className = "org.postgresql.ds.PGSimpleDataSource",
        url = "${MPCONFIG=paddock.db.url}",
        user = "${MPCONFIG=paddock.db.user}",
        password = "${MPCONFIG=paddock.db.password}",
        minPoolSize = 2,
        maxPoolSize = 32,
        loginTimeout = 5,
        properties = {
            "connectTimeout=5",
            // Lets PostgreSQL infer uuid, jsonb and timestamptz from parameters bound as text.
            "stringtype=unspecified",
            "ApplicationName=paddock"
        })
public class PaddockDataSource {

    public static final String JNDI_NAME = "java:app/jdbc/paddock";
}
