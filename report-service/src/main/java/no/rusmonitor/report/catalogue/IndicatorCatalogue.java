package no.rusmonitor.report.catalogue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Display metadata for the indicators of the plan (the catalogue in the domain description): names in
 * bokmål and English, unit, decimals, and which way is better. Reports take names, unit, decimals and goal
 * from the definition version their values name once it has arrived ({@link IndicatorDefinitions}); this
 * catalogue is where polarity and the order come from, and the fallback until then. An indicator without an entry here is
 * still reported, neutral and after the others: as its definition names it, or else under its id, with the
 * goal and unit its events carry.
 */
public final class IndicatorCatalogue {

    /** The goals in the order the report presents them, with their titles. */
    public static final List<String> GOALS = List.of("effort", "1", "2", "3", "4", "5", "reporting");

    private static final Map<String, IndicatorInfo> KNOWN = new LinkedHashMap<>();

    static {
        add("effort.fte_per_10k", "effort", "Årsverk i rusarbeidet per 10 000 innbyggere", "FTEs in substance-abuse work per 10,000 inhabitants", "per_10k", 1, Polarity.higher_is_better);
        add("effort.higher_education_share", "effort", "Andel årsverk med relevant høyere utdanning", "Share of FTEs with relevant higher education", "percent", 1, Polarity.higher_is_better);
        add("effort.escalated_share", "effort", "Andel kommuner som har trappet opp innsatsen siden 2016", "Share of municipalities that stepped up their effort since 2016", "percent", 1, Polarity.higher_is_better);
        add("effort.budget_increased_share", "effort", "Andel kommuner som økte rusbudsjettet", "Share of municipalities that increased the substance-abuse budget", "percent", 1, Polarity.higher_is_better);
        add("effort.budget_unchanged_share", "effort", "Andel kommuner med uendret rusbudsjett", "Share of municipalities with an unchanged substance-abuse budget", "percent", 1, Polarity.neutral);
        add("effort.extra_funds_large_share", "effort", "Andel kommuner der økte frie midler i stor grad gikk til rusfeltet", "Share of municipalities where the extra free funds largely reached the field", "percent", 1, Polarity.higher_is_better);
        add("goal1.user_council_share", "1", "Andel kommuner med brukerråd", "Share of municipalities with a user council", "percent", 1, Polarity.higher_is_better);
        add("goal1.brukerplan_share", "1", "Andel kommuner som kartla med Brukerplan", "Share of municipalities that mapped users with Brukerplan", "percent", 1, Polarity.higher_is_better);
        add("goal1.peer_workers_per_10k", "1", "Erfaringskonsulenter per 10 000 innbyggere", "Peer workers per 10,000 inhabitants", "per_10k", 2, Polarity.higher_is_better);
        add("goal2.early_intervention_share", "2", "Andel kommuner med modell for tidlig identifisering", "Share of municipalities with an early-identification model", "percent", 1, Polarity.higher_is_better);
        add("goal3.individual_plan_share", "3", "Andel brukere med individuell plan", "Share of users with an individual plan", "percent", 1, Polarity.higher_is_better);
        add("goal3.crisis_plan_share", "3", "Andel brukere med kriseplan", "Share of users with a crisis plan", "percent", 1, Polarity.higher_is_better);
        add("goal3.fact_share", "3", "Andel kommuner i FACT- eller ACT-team", "Share of municipalities in a FACT or ACT team", "percent", 1, Polarity.higher_is_better);
        add("goal3.waiting_days", "3", "Gjennomsnittlig ventetid fra henvisning til tjeneste", "Average waiting time from referral to service", "days", 1, Polarity.lower_is_better);
        add("goal4.meaningful_activity_share", "4", "Andel brukere med tilfredsstillende meningsfull aktivitet", "Share of users with satisfactory meaningful activity", "percent", 1, Polarity.higher_is_better);
        add("goal4.homeless_share", "4", "Andel brukere uten egen bolig", "Share of users without a home of their own", "percent", 1, Polarity.lower_is_better);
        add("goal4.housing_units_per_1k", "4", "Boliger for målgruppen per 1 000 innbyggere", "Homes for the group per 1,000 inhabitants", "per_1k", 2, Polarity.higher_is_better);
        add("goal4.housing_unchanged_share", "4", "Andel kommuner med like mange boliger som i 2015", "Share of municipalities with as many homes as in 2015", "percent", 1, Polarity.neutral);
        add("goal5.court_programme_per_100k", "5", "Deltakere i narkotikaprogram med domstolskontroll per 100 000 innbyggere", "Drug-programme-with-court-control participants per 100,000 inhabitants", "per_100k", 1, Polarity.higher_is_better);
        add("reporting.response_rate", "reporting", "Svarprosent", "Response rate", "percent", 1, Polarity.higher_is_better);
    }

    public static final String RESPONSE_RATE = "reporting.response_rate";

    private IndicatorCatalogue() {
    }

    private static void add(String id, String goal, String nb, String en, String unit, int decimals, Polarity polarity) {
        KNOWN.put(id, new IndicatorInfo(id, goal, nb, en, unit, decimals, polarity, KNOWN.size()));
    }

    /** Whether this catalogue has an entry for {@code id}: the names, unit and decimals of its first version. */
    public static boolean knows(String id) {
        return KNOWN.containsKey(id);
    }

    /** The entry for {@code id}, or one made from what its events say. */
    public static IndicatorInfo info(String id, String goalFromEvent, String unitFromEvent) {
        IndicatorInfo known = KNOWN.get(id);
        if (known != null) {
            return known;
        }
        String goal = goalFromEvent != null && GOALS.contains(goalFromEvent) ? goalFromEvent : goalOf(id);
        return new IndicatorInfo(id, goal, id, id, unitFromEvent == null ? "" : unitFromEvent, 1, Polarity.neutral, 1000);
    }

    /** The goal an id names by its prefix ({@code goal3.} is goal 3), for indicators this catalogue lacks. */
    static String goalOf(String id) {
        if (id.startsWith("goal") && id.length() > 4 && Character.isDigit(id.charAt(4))) {
            return String.valueOf(id.charAt(4));
        }
        int dot = id.indexOf('.');
        String prefix = dot < 0 ? id : id.substring(0, dot);
        return GOALS.contains(prefix) ? prefix : "effort";
    }
}
