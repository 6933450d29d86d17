package no.rusmonitor.report.report;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import no.rusmonitor.reference.BorderMapping;
import no.rusmonitor.reference.Municipality;
import no.rusmonitor.reference.MunicipalityCatalogue;
import no.rusmonitor.report.catalogue.IndicatorDefinitions;
import no.rusmonitor.report.catalogue.IndicatorInfo;
import no.rusmonitor.report.readmodel.IndicatorValue;
import no.rusmonitor.report.readmodel.SizeClassValue;
import no.rusmonitor.report.render.Messages;

/**
 * Assembles a municipality's profile on today's borders: its series from the values indicator-service
 * computes on 2024 borders (or, in a year where the municipality had exactly today's borders, its values as
 * reported), its county today, its size class, and the country. Pure.
 */
public final class ProfileBuilder {

    private ProfileBuilder() {
    }

    public static MunicipalityProfile build(Municipality today, int year, String lang, boolean unsuppressed, List<IndicatorValue> rows,
            MunicipalityCatalogue catalogue, IndicatorDefinitions definitions) {
        Messages m = Messages.of(lang);
        String code = today.code();
        Set<Integer> sameBorders = new HashSet<>();
        Long population = null;
        for (int y = NationalReportBuilder.BASELINE_YEAR; y <= year; y++) {
            int refYear = Math.min(y, MunicipalityCatalogue.LAST_YEAR);
            BorderMapping mapping = catalogue.covers(refYear) ? catalogue.todaysBordersFor(refYear).get(code) : null;
            if (mapping != null && mapping.complete() && mapping.predecessors().equals(List.of(code))) {
                sameBorders.add(y);
            }
            if (y == year && mapping != null && mapping.complete()) {
                long sum = 0;
                boolean known = !mapping.predecessors().isEmpty();
                for (String predecessor : mapping.predecessors()) {
                    Long p = catalogue.find(predecessor, refYear).map(Municipality::population).orElse(null);
                    if (p == null) {
                        known = false;
                    } else {
                        sum += p;
                    }
                }
                population = known ? sum : null;
            }
        }
        SizeClass sizeClass = population == null ? null : SizeClass.of(population);

        Map<String, Map<Integer, IndicatorValue>> own = new HashMap<>();
        Map<String, Map<Integer, IndicatorValue>> country = new HashMap<>();
        Map<String, IndicatorValue> county = new HashMap<>();
        // The municipality's size class is worked out on today's borders, so the country's class to compare
        // with is the one on today's borders too: as reported, it holds other municipalities (Indre Østfold's
        // five predecessors of 2019 are each in a smaller class than Indre Østfold).
        Map<String, IndicatorValue> countryToday = new HashMap<>();
        Map<String, IndicatorValue> sample = new TreeMap<>();
        Instant asOf = null;
        for (IndicatorValue v : rows) {
            if (v.year() > year) {
                continue;
            }
            boolean today2024 = IndicatorValue.TODAY.equals(v.borders());
            switch (v.level()) {
                case IndicatorValue.MUNICIPALITY -> {
                    if (!code.equals(v.areaCode()) || !(today2024 || sameBorders.contains(v.year()))) {
                        continue;
                    }
                    Map<Integer, IndicatorValue> series = own.computeIfAbsent(v.indicatorId(), k -> new HashMap<>());
                    IndicatorValue known = series.get(v.year());
                    if (known == null || today2024) {
                        series.put(v.year(), v);
                    }
                }
                case IndicatorValue.COUNTY -> {
                    // Only the county on today's borders is read (IndicatorValueRepository.forProfile).
                    if (v.year() == year && today.countyCode().equals(v.areaCode())) {
                        county.put(v.indicatorId(), v);
                    }
                }
                default -> {
                    if (today2024 && v.year() == year) {
                        countryToday.put(v.indicatorId(), v);
                    }
                    Map<Integer, IndicatorValue> series = country.computeIfAbsent(v.indicatorId(), k -> new HashMap<>());
                    IndicatorValue known = series.get(v.year());
                    if (known == null || IndicatorValue.AS_REPORTED.equals(v.borders())) {
                        series.put(v.year(), v);
                    }
                }
            }
            asOf = asOf == null || v.computedAt().isAfter(asOf) ? v.computedAt() : asOf;
            if (v.year() == year) {
                ReportedIndicators.newest(sample, v);
            }
        }

        List<IndicatorInfo> infos = ReportedIndicators.inOrder(sample.values(), definitions);
        Map<String, List<ProfileIndicator>> byGoal = ReportedIndicators.byGoal();
        List<Notice> suppressed = new ArrayList<>();
        List<Notice> missing = new ArrayList<>();
        for (IndicatorInfo info : infos) {
            int d = info.decimals();
            Map<Integer, IndicatorValue> series = own.getOrDefault(info.id(), Map.of());
            Map<Integer, IndicatorValue> nation = country.getOrDefault(info.id(), Map.of());
            IndicatorValue current = series.get(year);
            Cell value = Cell.of(current, d, unsuppressed);
            Cell previous = year > NationalReportBuilder.BASELINE_YEAR ? Cell.of(series.get(year - 1), d, unsuppressed) : Cell.NO_VALUE;
            List<YearCell> trend = new ArrayList<>();
            List<YearCell> countryTrend = new ArrayList<>();
            for (int y = NationalReportBuilder.BASELINE_YEAR; y <= year; y++) {
                trend.add(new YearCell(y, Cell.of(series.get(y), d, unsuppressed)));
                countryTrend.add(new YearCell(y, Cell.of(nation.get(y), d, unsuppressed)));
            }
            IndicatorValue countryNow = nation.get(year);
            IndicatorValue classesNow = countryToday.getOrDefault(info.id(), year >= MunicipalityCatalogue.CURRENT_BORDERS_YEAR ? countryNow : null);
            Cell sizeClassCell = Cell.NO_VALUE;
            if (sizeClass != null && classesNow != null && classesNow.sizeClasses() != null) {
                for (SizeClassValue s : classesNow.sizeClasses()) {
                    if (sizeClass.id().equals(s.sizeClass())) {
                        sizeClassCell = Cell.of(s.value(), s.suppressed(), d, unsuppressed);
                    }
                }
            }
            String name = info.name(lang);
            if (value.flag().suppressed()) {
                suppressed.add(new Notice(info.id(), name, value.flag().name(), m.reason(value.flag().name())));
            } else if (value.flag() == Flag.missing) {
                missing.add(new Notice(info.id(), name, value.missingReason(), m.reason(value.missingReason())));
            }
            byGoal.computeIfAbsent(info.goal(), g -> new ArrayList<>()).add(new ProfileIndicator(info.id(), name, info.unit(),
                    m.unit(info.unit()), d, info.polarity(), value, previous, Cell.change(previous, value, d),
                    Cell.of(county.get(info.id()), d, unsuppressed), sizeClassCell, Cell.of(countryNow, d, unsuppressed),
                    current == null ? null : current.submissionVersion(), trend, countryTrend, null));
        }
        List<ProfileGoal> goals = new ArrayList<>();
        byGoal.forEach((goal, list) -> {
            if (!list.isEmpty()) {
                goals.add(new ProfileGoal(goal, m.goal(goal), List.copyOf(list)));
            }
        });
        return new MunicipalityProfile("municipality/" + code + "/" + year, m.format("title_profile", today.name(), String.valueOf(year)),
                year, lang, unsuppressed, null, asOf, code, today.name(), today.countyCode(), today.countyName(),
                sizeClass == null ? null : sizeClass.id(), sizeClass == null ? null : m.sizeClass(sizeClass.id()), population, goals,
                suppressed, missing);
    }
}
