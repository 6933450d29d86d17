package no.rusmonitor.system.hostile;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import no.rusmonitor.system.RunningSystem;
import no.rusmonitor.system.RunningSystem.Service;

/**
 * The contents of every table of every service, as "service.schema.table" mapped to its row count and an MD5 of
 * all its rows in order. Two equal snapshots mean no row was added, removed or changed. No table is left out:
 * Flyway's history and the outbox count too (nothing in the corpus may touch them either).
 */
public record DatabaseSnapshot(Map<String, String> tables) {

    public static DatabaseSnapshot of(RunningSystem system) throws SQLException {
        Map<String, String> tables = new TreeMap<>();
        for (Service service : Service.values()) {
            try (Connection db = system.database(service); Statement s = db.createStatement()) {
                List<String> names = new ArrayList<>();
                try (ResultSet rows = s.executeQuery("select quote_ident(table_schema) || '.' || quote_ident(table_name) from information_schema.tables "
                        + "where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')")) {
                    while (rows.next()) {
                        names.add(rows.getString(1));
                    }
                }
                for (String table : names) {
                    try (ResultSet row = s.executeQuery("select count(*), md5(coalesce(string_agg(t::text, E'\\n' order by t::text), '')) from "
                            + table + " t")) {
                        row.next();
                        tables.put(service.name().toLowerCase() + "." + table, row.getLong(1) + " rows, md5 " + row.getString(2));
                    }
                }
            }
        }
        return new DatabaseSnapshot(tables);
    }

    /** The tables whose contents differ, each with both states. */
    public List<String> changesSince(DatabaseSnapshot before) {
        List<String> changes = new ArrayList<>();
        for (String table : union(before.tables.keySet(), tables.keySet())) {
            String was = before.tables.get(table);
            String is = tables.get(table);
            if (was == null || !was.equals(is)) {
                changes.add(table + ": " + was + " -> " + is);
            }
        }
        return changes;
    }

    public long rows() {
        return tables.values().stream().mapToLong(v -> Long.parseLong(v.substring(0, v.indexOf(' ')))).sum();
    }

    private static List<String> union(java.util.Set<String> a, java.util.Set<String> b) {
        java.util.TreeSet<String> all = new java.util.TreeSet<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }
}
