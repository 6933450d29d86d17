package no.rusmonitor.report.readmodel;

import java.util.HashMap;
import java.util.Map;

/**
 * One copy of each text the rows of a query repeat. The SQL client decodes every column of every row into
 * a string of its own, and a national report's 7,600 rows repeat 20 indicator ids, three levels, 373 area
 * codes and names and a handful of statuses and units: kept as decoded they are 60,000 strings, about
 * 3 MB of the report's memory while it waits for and during its rendering. One instance per query.
 */
final class SharedStrings {

    private final Map<String, String> seen = new HashMap<>();

    String of(String text) {
        if (text == null) {
            return null;
        }
        String earlier = seen.putIfAbsent(text, text);
        return earlier == null ? text : earlier;
    }
}
