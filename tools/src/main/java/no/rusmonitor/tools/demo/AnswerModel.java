package no.rusmonitor.tools.demo;

import java.util.Random;
import java.util.Set;

import io.vertx.core.json.JsonObject;

/**
 * Realistic answers for one municipality and year, tuned so that the national picture matches what was
 * published about the escalation plan (see domain.md): in 2020 about 74 % had stepped up their effort,
 * 18 % had increased the budget and nearly 70 % kept it unchanged, 74 % had as many homes for the group
 * as in 2015; 46 % (2018) and 38 % (2019) used the extra money on the field to a large degree; fewer
 * than 3 in 10 users had meaningful activity; 14 % of users had an individual plan and 9 % were
 * homeless around 2015–2016; FTEs grew through the plan period.
 * <p>
 * Municipalities differ persistently (a municipality that invests does so year after year) and vary from
 * year to year; counts follow from population, so small municipalities have small numbers.
 * Deterministic for a given seed.
 */
public final class AnswerModel {

    /** Questions added to the survey from 2016 (the plan started that year). */
    static final Set<String> FROM_2016 = Set.of("escalated_since_2016", "extra_funds_used", "housing_units_change_since_2015");

    private final long seed;

    public AnswerModel(long seed) {
        this.seed = seed;
    }

    /** Persistent traits of a municipality: how engaged it is, how large its caseload is. */
    private record Traits(double engagement, double caseload, double staffing) {
    }

    private Traits traits(String code) {
        Random r = new Random(seed * 31 + code.hashCode());
        return new Traits(r.nextGaussian(), Math.exp(0.35 * r.nextGaussian()), Math.exp(0.3 * r.nextGaussian()));
    }

    /** The answers of {@code code} for {@code year}, given its population on 1 January that year. */
    public JsonObject answers(String code, int year, long population, int revision) {
        Traits t = traits(code);
        Random r = new Random(seed * 7_919 + code.hashCode() * 131L + year * 17L + revision);
        double progress = Math.max(0, Math.min(1, (year - 2015) / 9.0));
        double plan = Math.max(0, Math.min(1, (year - 2015) / 5.0)); // the plan years 2016-2020
        JsonObject a = new JsonObject();

        // Staff: roughly 9-11 FTEs per 10,000 inhabitants in substance-abuse work, growing with the plan.
        double fteTotal = population / 10_000.0 * 9.0 * t.staffing() * (1 + 0.19 * plan) * Math.exp(0.05 * r.nextGaussian());
        double youthShare = 0.2 + 0.05 * r.nextDouble();
        double fteAdults = round1(fteTotal * (1 - youthShare));
        double fteYouth = round1(fteTotal * youthShare);
        a.put("fte_adults", fteAdults).put("fte_youth", fteYouth)
                .put("fte_higher_education", round1((fteAdults + fteYouth) * clamp(0.6 + 0.1 * progress + 0.05 * r.nextGaussian(), 0, 1)));

        if (year >= 2016) {
            double escalated = year >= 2020 ? 0.74 : 0.45 + 0.07 * (year - 2016);
            a.put("escalated_since_2016", yes(r, escalated, t.engagement()));
            a.put("extra_funds_used", extraFunds(r, year, t.engagement()));
            a.put("housing_units_change_since_2015", housingChange(r, year));
        }
        a.put("budget_change", budgetChange(r, year, t.engagement()));
        a.put("user_council", yes(r, 0.45 + 0.2 * progress, t.engagement()));
        a.put("user_survey_conducted", yes(r, 0.3 + 0.15 * progress, t.engagement()));
        a.put("brukerplan_used", yes(r, 0.75, t.engagement()));
        a.put("relatives_services", yes(r, 0.6 + 0.2 * progress, t.engagement()));
        a.put("early_intervention_model", yes(r, 0.5 + 0.3 * progress, t.engagement()));
        a.put("slt_coordinator", yes(r, population > 10_000 ? 0.8 : 0.45, t.engagement()));
        a.put("low_threshold_service", yes(r, population > 20_000 ? 0.9 : 0.45, t.engagement()));
        a.put("fact_team", yes(r, (population > 20_000 ? 0.3 : 0.08) + 0.3 * progress, t.engagement()));
        a.put("acute_beds", yes(r, 0.7, 0));
        a.put("housing_follow_up", yes(r, 0.8, t.engagement()));
        a.put("work_rehab_with_nav", yes(r, 0.55 + 0.2 * progress, t.engagement()));
        a.put("correctional_cooperation", yes(r, 0.35 + 0.2 * progress, t.engagement()));

        // Users: about 5 per 1,000 inhabitants receive services because of substance problems.
        int users = poisson(r, population / 1000.0 * 5.0 * t.caseload());
        a.put("users_total", users);
        a.put("users_with_individual_plan", binomial(r, users, shareFor(0.14 + 0.07 * progress, t.engagement(), r)));
        a.put("users_with_crisis_plan", binomial(r, users, shareFor(0.10 + 0.08 * progress, t.engagement(), r)));
        a.put("users_rop", binomial(r, users, shareFor(0.33, 0, r)));
        int activity = binomial(r, users, shareFor(0.26 + 0.02 * progress, 0.5 * t.engagement(), r));
        a.put("users_meaningful_activity", activity);
        a.put("users_in_work", binomial(r, activity, 0.4));
        a.put("users_homeless", binomial(r, users, shareFor(0.09 - 0.015 * progress, -0.3 * t.engagement(), r)));
        a.put("housing_units", poisson(r, population / 1000.0 * 1.6 * t.caseload()));
        a.put("peer_workers", poisson(r, population / 25_000.0 * (0.4 + 1.6 * progress)));
        a.put("youth_contracts", poisson(r, population / 5_000.0));
        a.put("court_programme_participants", poisson(r, population / 60_000.0 * 2));
        a.put("youth_follow_up_participants", poisson(r, population / 15_000.0));
        a.put("waiting_days_avg", round1(clamp((18 - 5 * progress) * Math.exp(0.4 * r.nextGaussian()), 0, 365)));
        if (r.nextDouble() < 0.05) {
            a.put("comment", "Tallene for " + year + " er hentet fra fagsystemet og kvalitetssikret av rustjenesten.");
        }
        return a;
    }

    private static String budgetChange(Random r, int year, double engagement) {
        double increased = switch (year) {
            case 2015 -> 0.20;
            case 2016 -> 0.35;
            case 2017 -> 0.30;
            case 2018 -> 0.25;
            case 2019 -> 0.21;
            case 2020 -> 0.18;
            default -> 0.15;
        };
        double decreased = 0.12;
        double u = r.nextDouble() - 0.04 * engagement;
        return u < increased ? "increased" : u < increased + decreased ? "decreased" : "unchanged";
    }

    private static String extraFunds(Random r, int year, double engagement) {
        double large = switch (year) {
            case 2016 -> 0.42;
            case 2017 -> 0.45;
            case 2018 -> 0.46;
            case 2019 -> 0.38;
            case 2020 -> 0.36;
            default -> 0.33;
        };
        double u = r.nextDouble() - 0.05 * engagement;
        if (u < large * 0.3) {
            return "very_large";
        }
        if (u < large) {
            return "large";
        }
        return u < large + 0.3 ? "some" : u < large + 0.45 ? "small" : "none";
    }

    private static String housingChange(Random r, int year) {
        double same = year >= 2020 ? 0.74 : 0.85 - 0.03 * (year - 2016);
        double u = r.nextDouble();
        return u < same ? "same" : u < same + (1 - same) * 0.75 ? "more" : "fewer";
    }

    private static boolean yes(Random r, double p, double engagement) {
        return r.nextDouble() < logistic(logit(clamp(p, 0.01, 0.99)) + 0.5 * engagement);
    }

    private static double shareFor(double national, double engagement, Random r) {
        return logistic(logit(clamp(national, 0.001, 0.999)) + 0.35 * engagement + 0.15 * r.nextGaussian());
    }

    private static int binomial(Random r, int n, double p) {
        if (n > 200) { // normal approximation for large municipalities
            return (int) Math.round(clamp(n * p + Math.sqrt(n * p * (1 - p)) * r.nextGaussian(), 0, n));
        }
        int k = 0;
        for (int i = 0; i < n; i++) {
            if (r.nextDouble() < p) {
                k++;
            }
        }
        return k;
    }

    private static int poisson(Random r, double mean) {
        if (mean > 50) {
            return (int) Math.max(0, Math.round(mean + Math.sqrt(mean) * r.nextGaussian()));
        }
        double l = Math.exp(-mean);
        double p = 1;
        int k = 0;
        do {
            k++;
            p *= r.nextDouble();
        } while (p > l);
        return k - 1;
    }

    private static double logit(double p) {
        return Math.log(p / (1 - p));
    }

    private static double logistic(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    private static double clamp(double x, double lo, double hi) {
        return Math.max(lo, Math.min(hi, x));
    }

    private static double round1(double x) {
        return Math.round(x * 10) / 10.0;
    }
}
