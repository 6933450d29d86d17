package no.rusmonitor.survey;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import no.rusmonitor.testsupport.PostgresTestResource;

/** Direct reads of the test database, to check that a refused request changed nothing, and a write for fault injection. */
public final class Database {

    private static final List<String> TABLES = List.of("survey_definition", "survey_schedule", "reopening", "submission",
            "submission_version", "outbox_event", "outbox_parked", "idempotency_record");

    private Database() {
    }

    /** Row counts and a checksum of every table's content. */
    public static Map<String, String> fingerprint() {
        Map<String, String> result = new LinkedHashMap<>();
        try (Connection c = PostgresTestResource.connect(RealInfrastructure.DATABASE); Statement s = c.createStatement()) {
            for (String table : TABLES) {
                try (ResultSet rs = s.executeQuery("select count(*), coalesce(md5(string_agg(t::text, ',' order by t::text)), '') from " + table + " t")) {
                    rs.next();
                    result.put(table, rs.getLong(1) + ":" + rs.getString(2));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return result;
    }

    public static long count(String sql) {
        try (Connection c = PostgresTestResource.connect(RealInfrastructure.DATABASE); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String text(String sql) {
        try (Connection c = PostgresTestResource.connect(RealInfrastructure.DATABASE); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void execute(String sql) {
        try (Connection c = PostgresTestResource.connect(RealInfrastructure.DATABASE); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
