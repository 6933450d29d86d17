package no.rusmonitor.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Gives the service under test a fresh database on the real PostgreSQL server.
 * <p>
 * The server comes from {@code RUSMONITOR_PG_HOST}, {@code RUSMONITOR_PG_PORT}, {@code RUSMONITOR_PG_USER}
 * and {@code RUSMONITOR_PG_PASSWORD} (default: 127.0.0.1:5432, user postgres, no password). Init arg
 * {@code database} names the database, which is dropped and created again once per test JVM so that
 * every run starts from the migrations alone. {@code RUSMONITOR_TEST_DB_PREFIX} is put before every
 * test database's name, so that two checkouts can run their tests on the same server at once.
 */
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {

    private static final java.util.Set<String> CREATED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private String database;

    @Override
    public void init(Map<String, String> initArgs) {
        database = physicalName(initArgs.getOrDefault("database", "rusmonitor_test"));
    }

    @Override
    public Map<String, String> start() {
        if (CREATED.add(database)) {
            recreate(database);
        }
        String hostPort = host() + ":" + port();
        return Map.of(
                "quarkus.datasource.username", user(),
                "quarkus.datasource.password", password(),
                "quarkus.datasource.reactive.url", "postgresql://" + hostPort + "/" + database,
                "quarkus.datasource.jdbc.url", "jdbc:postgresql://" + hostPort + "/" + database);
    }

    @Override
    public void stop() {
        // The database is kept after the run so that a failed test can be inspected.
    }

    /** A JDBC connection to the test database, for assertions on what was (or was not) stored. */
    public static Connection connect(String database) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://" + host() + ":" + port() + "/" + physicalName(database), user(), password());
    }

    /** The name a test database has on the server: {@code RUSMONITOR_TEST_DB_PREFIX} (if set) and the name. */
    public static String physicalName(String database) {
        String name = env("RUSMONITOR_TEST_DB_PREFIX", "") + database;
        if (!name.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("database name must be a plain identifier: " + name);
        }
        return name;
    }

    private static void recreate(String database) {
        String url = "jdbc:postgresql://" + host() + ":" + port() + "/postgres";
        try (Connection connection = DriverManager.getConnection(url, user(), password());
                Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            statement.execute("CREATE DATABASE " + database);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + host() + ":" + port()
                    + " is needed by the integration tests (run bin/test, which starts it)", e);
        }
    }

    static String host() {
        return env("RUSMONITOR_PG_HOST", "127.0.0.1");
    }

    static String port() {
        return env("RUSMONITOR_PG_PORT", "5432");
    }

    static String user() {
        return env("RUSMONITOR_PG_USER", "postgres");
    }

    static String password() {
        return env("RUSMONITOR_PG_PASSWORD", "");
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
