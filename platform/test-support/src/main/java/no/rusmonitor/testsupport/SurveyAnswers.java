package no.rusmonitor.testsupport;

import java.util.LinkedHashMap;
import java.util.Map;

/** The answers tests submit unless they say otherwise: a complete, consistent form for the 2016-2024 surveys. */
public final class SurveyAnswers {

    private SurveyAnswers() {
    }

    /** A new, modifiable map of every answer, in the form's order. */
    public static Map<String, Object> complete() {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("fte_adults", 12.5);
        a.put("fte_youth", 3.0);
        a.put("fte_higher_education", 9.5);
        a.put("escalated_since_2016", true);
        a.put("budget_change", "unchanged");
        a.put("extra_funds_used", "some");
        a.put("housing_units_change_since_2015", "same");
        a.put("user_council", true);
        a.put("user_survey_conducted", false);
        a.put("brukerplan_used", true);
        a.put("relatives_services", true);
        a.put("peer_workers", 2);
        a.put("early_intervention_model", true);
        a.put("youth_contracts", 4);
        a.put("slt_coordinator", true);
        a.put("users_total", 180);
        a.put("users_with_individual_plan", 30);
        a.put("users_with_crisis_plan", 25);
        a.put("users_rop", 60);
        a.put("low_threshold_service", true);
        a.put("fact_team", false);
        a.put("acute_beds", true);
        a.put("waiting_days_avg", 14.0);
        a.put("users_meaningful_activity", 50);
        a.put("users_in_work", 20);
        a.put("users_homeless", 15);
        a.put("housing_units", 40);
        a.put("housing_follow_up", true);
        a.put("work_rehab_with_nav", true);
        a.put("court_programme_participants", 1);
        a.put("youth_follow_up_participants", 3);
        a.put("correctional_cooperation", false);
        return a;
    }
}
