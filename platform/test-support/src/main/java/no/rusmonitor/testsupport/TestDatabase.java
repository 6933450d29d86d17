package no.rusmonitor.testsupport;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plain SQL on a module's test database (the one {@link PostgresTestResource} made), for what a test checks
 * behind the API: what was stored, that a refused request changed nothing; and for the writes of fault
 * injection.
 */
public final class TestDatabase {

    private final String name;

    public TestDatabase(String name) {
        this.name = name;
    }

    public Connection connect() throws SQLException {
        return PostgresTestResource.connect(name);
    }

    /** The number the query's first row gives, such as a {@code count(*)}; SQL null counts as 0. */
    public long count(String sql) {
        List<String> rows = rows(sql);
        if (rows.isEmpty()) {
            throw new IllegalStateException("no row: " + sql);
        }
        return rows.get(0) == null ? 0 : Long.parseLong(rows.get(0));
    }

    /** The first row the query gives, as {@link #rows} gives it, or null when it gives none. */
    public String text(String sql) {
        List<String> rows = rows(sql);
        return rows.isEmpty() ? null : rows.get(0);
    }

    /** Every row of a query as text (null for SQL null), more than one column joined by {@code |}, in the query's order. */
    public List<String> rows(String sql) {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            List<String> rows = new ArrayList<>();
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                if (columns == 1) {
                    rows.add(rs.getString(1));
                    continue;
                }
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

    public void execute(String sql) {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Every table of the service's schema with its row count and a checksum of its content: equal before and
     * after a request when it changed nothing.
     */
    public Map<String, String> fingerprint() {
        Map<String, String> result = new LinkedHashMap<>();
        for (String table : rows("select table_name from information_schema.tables where table_schema = 'public'"
                + " and table_type = 'BASE TABLE' order by table_name")) {
            result.put(table, text("select count(*) || ':' || coalesce(md5(string_agg(t::text, ',' order by t::text)), '') from "
                    + table + " t"));
        }
        return result;
    }
}
