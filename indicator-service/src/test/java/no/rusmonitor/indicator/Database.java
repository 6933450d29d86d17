package no.rusmonitor.indicator;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import no.rusmonitor.testsupport.PostgresTestResource;

/** Direct reads (and, for the rebuild test, a wipe) of the test database. */
public final class Database {

    private Database() {
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

    /** Every row of a query as text, in the order the query gives. */
    public static List<String> rows(String sql) {
        try (Connection c = PostgresTestResource.connect(RealInfrastructure.DATABASE); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            List<String> rows = new ArrayList<>();
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= columns; i++) {
                    row.append(i > 1 ? "|" : "").append(rs.getString(i));
                }
                rows.add(row.toString());
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The single text cell a query gives. */
    public static String text(String sql) {
        List<String> rows = rows(sql);
        return rows.isEmpty() ? null : rows.get(0);
    }

    public static void execute(String sql) {
        try (Connection c = PostgresTestResource.connect(RealInfrastructure.DATABASE); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
