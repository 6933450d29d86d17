package no.rusmonitor.report.report;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import no.rusmonitor.report.catalogue.IndicatorCatalogue;
import no.rusmonitor.report.catalogue.IndicatorDefinitions;
import no.rusmonitor.report.catalogue.IndicatorInfo;
import no.rusmonitor.report.readmodel.IndicatorValue;
import no.rusmonitor.report.readmodel.SizeClassValue;
import no.rusmonitor.report.render.Messages;

/**
 * Assembles the national status report of a year from read-model values (as reported: the country series
 * since 2015, and the counties and municipalities of the year). Pure: the same values and definitions give the
 * same report.
 */
public final class NationalReportBuilder {

    public static final int BASELINE_YEAR = 2015;

    private NationalReportBuilder() {
    }

    public static NationalReport build(int year, String lang, boolean unsuppressed, List<IndicatorValue> rows,
            IndicatorDefinitions definitions) {
        Messages m = Messages.of(lang);
        Map<String, Map<Integer, IndicatorValue>> country = new HashMap<>();
        Map<String, List<IndicatorValue>> counties = new HashMap<>();
        Map<String, List<IndicatorValue>> municipalities = new HashMap<>();
        Map<String, IndicatorValue> sample = new TreeMap<>();
        Instant asOf = null;
        for (IndicatorValue v : rows) {
            if (!IndicatorValue.AS_REPORTED.equals(v.borders()) || v.year() > year) {
                continue;
            }
            asOf = asOf == null || v.computedAt().isAfter(asOf) ? v.computedAt() : asOf;
            switch (v.level()) {
                case IndicatorValue.COUNTRY -> country.computeIfAbsent(v.indicatorId(), k -> new HashMap<>()).put(v.year(), v);
                case IndicatorValue.COUNTY -> {
                    if (v.year() == year) {
                        counties.computeIfAbsent(v.indicatorId(), k -> new ArrayList<>()).add(v);
                    }
                }
                default -> {
                    if (v.year() == year) {
                        municipalities.computeIfAbsent(v.indicatorId(), k -> new ArrayList<>()).add(v);
                    }
                }
            }
            if (v.year() == year) {
                ReportedIndicators.newest(sample, v);
            }
        }

        Map<String, List<NationalIndicator>> byGoal = ReportedIndicators.byGoal();
        List<NationalIndicator> all = new ArrayList<>();
        for (IndicatorInfo info : ReportedIndicators.inOrder(sample.values(), definitions)) {
            NationalIndicator indicator = indicator(info, year, m, unsuppressed, country.getOrDefault(info.id(), Map.of()),
                    counties.getOrDefault(info.id(), List.of()), municipalities.getOrDefault(info.id(), List.of()));
            byGoal.computeIfAbsent(info.goal(), g -> new ArrayList<>()).add(indicator);
            all.add(indicator);
        }
        List<NationalGoal> goals = new ArrayList<>();
        byGoal.forEach((goal, list) -> {
            if (!list.isEmpty()) {
                goals.add(new NationalGoal(goal, m.goal(goal), List.copyOf(list)));
            }
        });

        IndicatorValue rate = country.getOrDefault(IndicatorCatalogue.RESPONSE_RATE, Map.of()).get(year);
        // Rounded as the response rate's row in the report: its year's values name the version to show.
        IndicatorValue rateSample = sample.getOrDefault(IndicatorCatalogue.RESPONSE_RATE, rate);
        int rateDecimals = rateSample == null ? 1
                : definitions.info(rateSample.indicatorId(), rateSample.definitionVersion(), rateSample.goal(), rateSample.unit()).decimals();
        ResponseRate responseRate = new ResponseRate(Cell.of(rate, rateDecimals, unsuppressed),
                rate == null ? null : firstNonNull(rate.reportingCount(), toInt(rate.numerator())),
                rate == null ? null : firstNonNull(rate.expectedCount(), toInt(rate.denominator())), rateDecimals);
        return new NationalReport("national/" + year, m.format("title_national", String.valueOf(year)), year, lang, unsuppressed, null,
                asOf, responseRate, SummaryDerivation.derive(year, all), goals);
    }

    private static NationalIndicator indicator(IndicatorInfo info, int year, Messages m, boolean unsuppressed,
            Map<Integer, IndicatorValue> series, List<IndicatorValue> countyRows, List<IndicatorValue> municipalityRows) {
        int d = info.decimals();
        IndicatorValue current = series.get(year);
        Cell value = Cell.of(current, d, unsuppressed);
        Cell previous = year > BASELINE_YEAR ? Cell.of(series.get(year - 1), d, unsuppressed) : null;
        Cell baseline = year > BASELINE_YEAR ? Cell.of(series.get(BASELINE_YEAR), d, unsuppressed) : null;
        List<YearCell> trend = new ArrayList<>();
        for (int y = BASELINE_YEAR; y <= year; y++) {
            trend.add(new YearCell(y, Cell.of(series.get(y), d, unsuppressed)));
        }

        Map<String, List<Double>> byCounty = new TreeMap<>();
        List<Double> national = new ArrayList<>();
        for (IndicatorValue mv : municipalityRows) {
            if (visible(mv, unsuppressed)) {
                national.add(mv.value());
                byCounty.computeIfAbsent(mv.areaCode().substring(0, 2), c -> new ArrayList<>()).add(mv.value());
            }
        }
        List<CountyRow> counties = new ArrayList<>();
        countyRows.stream().sorted(Comparator.comparing(IndicatorValue::areaCode)).forEach(c -> counties.add(new CountyRow(c.areaCode(),
                c.areaName(), Cell.of(c, d, unsuppressed), c.reportingCount(), c.expectedCount(),
                SpreadStats.of(byCounty.getOrDefault(c.areaCode(), List.of()), d))));

        SpreadStats spread = SpreadStats.of(national, d);
        if (spread == null && unsuppressed && current != null && current.spread() != null) {
            var s = current.spread();
            spread = new SpreadStats(s.count(), Cell.round(s.min(), d), Cell.round(s.q1(), d), Cell.round(s.median(), d),
                    Cell.round(s.q3(), d), Cell.round(s.max(), d));
        }

        List<SizeClassRow> sizeClasses = new ArrayList<>();
        if (current != null && current.sizeClasses() != null) {
            Map<String, SizeClassValue> byId = new HashMap<>();
            current.sizeClasses().forEach(s -> byId.put(s.sizeClass(), s));
            for (SizeClass c : SizeClass.values()) {
                SizeClassValue s = byId.get(c.id());
                if (s != null) {
                    sizeClasses.add(new SizeClassRow(c.id(), m.sizeClass(c.id()), Cell.of(s.value(), s.suppressed(), d, unsuppressed), s.count()));
                }
            }
        }
        return new NationalIndicator(info.id(), info.name(m.lang()), info.unit(), m.unit(info.unit()), d, info.polarity(), value, previous,
                Cell.change(previous, value, d), baseline, Cell.change(baseline, value, d), current == null ? null : current.reportingCount(),
                current == null ? null : current.expectedCount(), trend, counties, spread, sizeClasses, null);
    }

    static boolean visible(IndicatorValue v, boolean unsuppressed) {
        return !v.isMissing() && (unsuppressed || !v.isSuppressed());
    }

    private static Integer firstNonNull(Integer a, Integer b) {
        return a != null ? a : b;
    }

    private static Integer toInt(Double d) {
        return d == null ? null : (int) Math.round(d);
    }
}
