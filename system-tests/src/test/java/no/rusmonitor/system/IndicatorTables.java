package no.rusmonitor.system;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** What indicator-service holds in its database, read with plain SQL for comparison. */
final class IndicatorTables {

    private static final String KEY = "indicator_id || '|' || level || '|' || area_code || '|' || borders || '|' || year";
    /** The answers whose version a municipality's value as reported names (indicator-service reads it so for its API). */
    private static final String NAMED_VERSION = "left join answer_set a on v.level = 'municipality' and v.borders = 'as_reported' "
            + "and a.survey_year = v.year and a.municipality_code = v.area_code";

    private IndicatorTables() {
    }

    /**
     * Every value with all it holds (indicator, level, area, borders, year → every column: the figures, their
     * suppression and status, the spread and size classes, the person count, the definition's version, goal,
     * unit and factor, the area's name, and for a municipality as reported the submission version it names,
     * which is that of the answers held); only the revision and when it was computed are left out, since a
     * rebuild or another instance may number them differently, and the columns named in {@code leftOut}.
     */
    static Map<String, String> figures(Connection db, String... leftOut) throws SQLException {
        Map<String, String> figures = new TreeMap<>();
        StringBuilder columns = new StringBuilder("to_jsonb(v) - 'revision' - 'computed_at'");
        for (String column : leftOut) {
            columns.append(" - '").append(column).append('\'');
        }
        try (Statement s = db.createStatement(); ResultSet rows = s.executeQuery("select " + KEY + ", concat_ws('|', ("
                + columns + ")::text, a.submission_version) from indicator_value v " + NAMED_VERSION)) {
            while (rows.next()) {
                figures.put(rows.getString(1), rows.getString(2));
            }
        }
        return figures;
    }

    static Map<String, Integer> revisions(Connection db) throws SQLException {
        Map<String, Integer> revisions = new HashMap<>();
        try (Statement s = db.createStatement(); ResultSet rows = s.executeQuery("select " + KEY + ", revision from indicator_value")) {
            while (rows.next()) {
                revisions.put(rows.getString(1), rows.getInt(2));
            }
        }
        return revisions;
    }

    /** The newest value change's sequence number (0 when there is none). */
    static long lastChange(Connection db) throws SQLException {
        try (Statement s = db.createStatement(); ResultSet rows = s.executeQuery("select coalesce(max(seq), 0) from value_change")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** The submission version held in answer_set for each municipality of the year. */
    static Map<String, Integer> answerVersions(Connection db, int year) throws SQLException {
        Map<String, Integer> versions = new HashMap<>();
        try (PreparedStatement s = db.prepareStatement("select municipality_code, submission_version from answer_set where survey_year = ?")) {
            s.setInt(1, year);
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    versions.put(rows.getString(1), rows.getInt(2));
                }
            }
        }
        return versions;
    }

    /** The answers held in answer_set for each municipality of the year, with their version ("code/version"). */
    static Map<String, String> answers(Connection db, int year) throws SQLException {
        Map<String, String> answers = new HashMap<>();
        try (PreparedStatement s = db.prepareStatement("select municipality_code, submission_version, answers::text from answer_set "
                + "where survey_year = ?")) {
            s.setInt(1, year);
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    answers.put(rows.getString(1) + "/" + rows.getInt(2), rows.getString(3));
                }
            }
        }
        return answers;
    }

    /**
     * The submission versions named by a municipality's own values (as reported) in a year, for each
     * municipality that has values: the version of the answers they were computed with.
     */
    static Map<String, Set<Integer>> valueVersions(Connection db, int year) throws SQLException {
        Map<String, Set<Integer>> versions = new HashMap<>();
        try (PreparedStatement s = db.prepareStatement("select v.area_code, a.submission_version from indicator_value v " + NAMED_VERSION
                + " where v.year = ? and a.submission_version is not null")) {
            s.setInt(1, year);
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    versions.computeIfAbsent(rows.getString(1), c -> new HashSet<>()).add(rows.getInt(2));
                }
            }
        }
        return versions;
    }

    /** The keys whose figures differ between the two (or that only one has). */
    static Set<String> differences(Map<String, String> a, Map<String, String> b) {
        Set<String> keys = new TreeSet<>(a.keySet());
        keys.addAll(b.keySet());
        keys.removeIf(k -> Objects.equals(a.get(k), b.get(k)));
        return keys;
    }

    static <T> String sample(Set<T> items) {
        List<T> first = items.stream().limit(5).toList();
        return first + (items.size() > first.size() ? " and " + (items.size() - first.size()) + " more" : "");
    }
}
