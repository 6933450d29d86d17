package no.rusmonitor.report;

import static no.rusmonitor.report.IndicatorEvents.country;
import static no.rusmonitor.report.IndicatorEvents.county;
import static no.rusmonitor.report.IndicatorEvents.municipality;
import static no.rusmonitor.report.RealInfrastructure.DATABASE;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The indicator values the tests read reports from, produced once per test JVM on the real broker, as
 * indicator-service would publish them. Distinctive raw numbers mark what must never be seen publicly:
 * Kinn's individual-plan share (37.5, primary suppression), Vestland's (21.7, secondary), and the size
 * class 5 000-19 999 (33.3, primary).
 */
public final class Fixture {

    public static final String PLAN = "goal3.individual_plan_share";
    public static final String HOMELESS = "goal4.homeless_share";
    public static final String BUDGET = "effort.budget_unchanged_share";
    public static final String RESPONSE = "reporting.response_rate";

    /** Used by the publishing tests, which correct it; nothing else reads year 2022. */
    public static final int PUBLISH_YEAR = 2022;

    private static final Object LOCK = new Object();
    private static volatile boolean loaded;

    private Fixture() {
    }

    public static List<IndicatorEvents.Value> values() {
        List<IndicatorEvents.Value> v = new ArrayList<>();
        // The country, as reported.
        v.add(country(PLAN, 2015).value(14.0, 140, 1000).reporting(150, 428));
        v.add(country(PLAN, 2023).value(15.2, 152, 1000).reporting(168, 356));
        v.add(country(PLAN, 2024).value(16.8, 168, 1000).reporting(172, 357).spread(172, 2.0, 10.0, 16.0, 22.0, 60.0)
                .sizeClass("under_5000", 12.4, 80, "none").sizeClass("5000_19999", 33.3, 3, "primary")
                .sizeClass("20000_49999", 17.1, 40, "none").sizeClass("50000_and_over", 16.9, 20, "none"));
        v.add(country(HOMELESS, 2023).value(9.0, 90, 1000).reporting(168, 356));
        v.add(country(HOMELESS, 2024).value(9.6, 96, 1000).reporting(172, 357));
        v.add(country(BUDGET, 2023).value(70.0, 70, 100).reporting(100, 356));
        v.add(country(BUDGET, 2024).value(68.5, 137, 200).reporting(200, 357));
        v.add(country(RESPONSE, 2023).value(47.2, 168, 356));
        v.add(country(RESPONSE, 2024).value(48.2, 172, 357).reporting(172, 357));
        // Counties in 2024 (as reported, and on today's borders, which are the same that year).
        for (String borders : List.of("as_reported", "2024")) {
            v.add(county(PLAN, "03", "Oslo", borders, 2024).value(15.1, 151, 1000).reporting(1, 1));
            v.add(county(PLAN, "46", "Vestland", borders, 2024).value(21.7, 217, 1000).suppressed("secondary").reporting(3, 43));
            v.add(county(PLAN, "11", "Rogaland", borders, 2024).value(18.4, 184, 1000).reporting(1, 23));
            v.add(county(HOMELESS, "03", "Oslo", borders, 2024).value(9.9, 99, 1000).reporting(1, 1));
            v.add(county(HOMELESS, "46", "Vestland", borders, 2024).value(8.8, 88, 1000).reporting(3, 43));
            v.add(county(HOMELESS, "11", "Rogaland", borders, 2024).value(7.7, 77, 1000).reporting(1, 23));
            // Municipalities in 2024.
            v.add(municipality(PLAN, "0301", "Oslo", borders, 2024).value(15.1, 151, 1000).submission(1));
            v.add(municipality(PLAN, "4601", "Bergen", borders, 2024).value(17.9, 179, 1000).submission(2));
            v.add(municipality(PLAN, "4602", "Kinn", borders, 2024).value(37.5, 3, 8).suppressed("primary").submission(1));
            v.add(municipality(PLAN, "1103", "Stavanger", borders, 2024).value(18.4, 184, 1000).submission(1));
            v.add(municipality(HOMELESS, "0301", "Oslo", borders, 2024).value(9.9, 99, 1000).submission(1));
            v.add(municipality(HOMELESS, "4601", "Bergen", borders, 2024).value(8.1, 81, 1000).submission(2));
            v.add(municipality(HOMELESS, "4602", "Kinn", borders, 2024).missing("not_reported"));
            v.add(municipality(HOMELESS, "1103", "Stavanger", borders, 2024).value(7.7, 77, 1000).submission(1));
        }
        // Bergen and Kinn on today's borders back to 2015.
        v.add(municipality(PLAN, "4601", "Bergen", "2024", 2015).value(13.0, 130, 1000));
        v.add(municipality(PLAN, "4601", "Bergen", "2024", 2023).value(16.5, 165, 1000).submission(1));
        v.add(municipality(PLAN, "4602", "Kinn", "2024", 2015).missing("split_before_today"));
        v.add(municipality(PLAN, "4602", "Kinn", "2024", 2023).value(30.0, 3, 10).suppressed("primary").submission(1));
        // The year the publishing tests correct.
        v.add(country(PLAN, PUBLISH_YEAR).value(15.0, 150, 1000).reporting(170, 356));
        v.add(county(PLAN, "03", "Oslo", "as_reported", PUBLISH_YEAR).value(15.0, 150, 1000).reporting(1, 1));
        return v;
    }

    /** How many values the read model holds once the fixture is in. */
    public static int expectedValues() {
        Set<String> keys = new HashSet<>();
        for (IndicatorEvents.Value v : values()) {
            keys.add(v.key() + "|" + v.data.get("year"));
        }
        return keys.size();
    }

    /** Produces the fixture once per JVM and waits until the read model has all of it. */
    public static void load() {
        synchronized (LOCK) {
            if (!loaded) {
                IndicatorEvents.send(values());
                loaded = true;
            }
        }
        awaitAtLeast(expectedValues());
    }

    public static void awaitAtLeast(long count) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        long seen = -1;
        while (Instant.now().isBefore(deadline)) {
            seen = DATABASE.count("select count(*) from indicator_value");
            if (seen >= count) {
                return;
            }
            sleep(100);
        }
        throw new AssertionError("the read model holds " + seen + " values, expected at least " + count);
    }

    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
