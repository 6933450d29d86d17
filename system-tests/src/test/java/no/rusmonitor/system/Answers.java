package no.rusmonitor.system;

/** A complete, consistent survey form as a municipality would send it. */
public final class Answers {

    private Answers() {
    }

    public static String standard(int usersTotal) {
        return "{\"fte_adults\":12.5,\"fte_youth\":3.0,\"fte_higher_education\":9.5,\"escalated_since_2016\":true,"
                + "\"budget_change\":\"unchanged\",\"extra_funds_used\":\"some\",\"housing_units_change_since_2015\":\"same\","
                + "\"user_council\":true,\"user_survey_conducted\":false,\"brukerplan_used\":true,\"relatives_services\":true,"
                + "\"peer_workers\":2,\"early_intervention_model\":true,\"youth_contracts\":4,\"slt_coordinator\":true,"
                + "\"users_total\":" + usersTotal + ",\"users_with_individual_plan\":30,\"users_with_crisis_plan\":25,\"users_rop\":60,"
                + "\"low_threshold_service\":true,\"fact_team\":false,\"acute_beds\":true,\"waiting_days_avg\":14.0,"
                + "\"users_meaningful_activity\":50,\"users_in_work\":20,\"users_homeless\":15,\"housing_units\":40,"
                + "\"housing_follow_up\":true,\"work_rehab_with_nav\":true,\"court_programme_participants\":1,"
                + "\"youth_follow_up_participants\":3,\"correctional_cooperation\":false}";
    }
}
