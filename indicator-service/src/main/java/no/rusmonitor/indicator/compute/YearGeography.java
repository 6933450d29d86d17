package no.rusmonitor.indicator.compute;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import no.rusmonitor.reference.BorderMapping;
import no.rusmonitor.reference.County;
import no.rusmonitor.reference.Municipality;
import no.rusmonitor.reference.MunicipalityCatalogue;

/**
 * The areas of one year, on both border systems, as the computation needs them: municipalities and
 * counties as they were, and today's municipalities and counties with what they are made of.
 * <p>
 * On today's borders a county adds up the year's municipalities whose successors all lie inside it; a
 * county that a split predecessor straddles is missing for that year.
 */
public final class YearGeography {

    public static final String COUNTRY = "NO";
    public static final String COUNTRY_NAME = "Norge";

    final int year;
    final List<Municipality> municipalities;
    final Map<String, Municipality> byCode;
    final Map<String, List<String>> countyMembers;
    final Map<String, String> countyNames;

    final Map<String, BorderMapping> today;
    final Map<String, String> todayNames;
    final Map<String, Long> todayPopulation;
    final Map<String, List<String>> todayCountyUnits;
    final Map<String, List<String>> todayCountySources;
    final Set<String> todayCountiesSplit;
    final Map<String, String> todayCountyNames;

    YearGeography(MunicipalityCatalogue catalogue, int year) {
        this.year = year;
        this.municipalities = catalogue.validIn(year);
        Map<String, Municipality> codes = new TreeMap<>();
        Map<String, List<String>> members = new TreeMap<>();
        for (Municipality m : municipalities) {
            codes.put(m.code(), m);
            members.computeIfAbsent(m.countyCode(), c -> new ArrayList<>()).add(m.code());
        }
        this.byCode = ordered(codes);
        this.countyMembers = freeze(members);
        Map<String, String> names = new TreeMap<>();
        for (County county : catalogue.countiesIn(year)) {
            names.put(county.code(), county.name());
        }
        this.countyNames = names;

        int now = MunicipalityCatalogue.CURRENT_BORDERS_YEAR;
        this.today = ordered(catalogue.todaysBordersFor(year));
        Map<String, String> todayNames = new TreeMap<>();
        Map<String, Long> population = new TreeMap<>();
        Map<String, List<String>> units = new TreeMap<>();
        for (Map.Entry<String, BorderMapping> entry : today.entrySet()) {
            String code = entry.getKey();
            todayNames.put(code, catalogue.find(code, now).map(Municipality::name).orElse(code));
            units.computeIfAbsent(code.substring(0, 2), c -> new ArrayList<>()).add(code);
            BorderMapping mapping = entry.getValue();
            Long sum = mapping.complete() ? 0L : null;
            for (String predecessor : mapping.predecessors()) {
                Long people = codes.containsKey(predecessor) ? codes.get(predecessor).population() : null;
                sum = sum == null || people == null ? null : sum + people;
            }
            population.put(code, sum);
        }
        Map<String, List<String>> sources = new TreeMap<>();
        Set<String> split = new TreeSet<>();
        for (Municipality m : municipalities) {
            Set<String> counties = new TreeSet<>();
            for (String successor : catalogue.currentCodesOf(m.code(), year)) {
                counties.add(successor.substring(0, 2));
            }
            if (counties.size() == 1) {
                sources.computeIfAbsent(counties.iterator().next(), c -> new ArrayList<>()).add(m.code());
            } else {
                split.addAll(counties);
            }
        }
        Map<String, String> todayCounties = new TreeMap<>();
        for (County county : catalogue.countiesIn(now)) {
            todayCounties.put(county.code(), county.name());
        }
        this.todayNames = ordered(todayNames);
        this.todayPopulation = ordered(population);
        this.todayCountyUnits = freeze(units);
        this.todayCountySources = freeze(sources);
        this.todayCountiesSplit = Collections.unmodifiableSet(split);
        this.todayCountyNames = todayCounties;
    }

    /**
     * A copy that keeps the code order of a sorted map for iterating and finds a code by its hash: the
     * year's computation looks every area up several times for each indicator, and walking a tree of
     * codes for each was a fifth of a submission's recomputation.
     */
    private static <V> Map<String, V> ordered(Map<String, V> sorted) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(sorted));
    }

    private static Map<String, List<String>> freeze(Map<String, List<String>> map) {
        Map<String, List<String>> copy = new TreeMap<>();
        map.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        return Collections.unmodifiableMap(copy);
    }

    public int year() {
        return year;
    }

    public List<Municipality> municipalities() {
        return municipalities;
    }

    public Municipality municipality(String code) {
        return byCode.get(code);
    }

    /**
     * The municipality whose answers alone make an area's value that year, or null: a municipality as
     * reported is its own; on today's borders, the one predecessor of a municipality that was not merged
     * or split; an aggregate, or a municipality made of several, has none. Such a value names the
     * submission version of that municipality's answers.
     */
    public String soleSource(Level level, Borders borders, String code) {
        if (level != Level.municipality) {
            return null;
        }
        if (borders == Borders.AS_REPORTED) {
            return byCode.containsKey(code) ? code : null;
        }
        BorderMapping mapping = today.get(code);
        return mapping != null && mapping.complete() && mapping.predecessors().size() == 1 ? mapping.predecessors().get(0) : null;
    }

    /** The name of an area on the given borders, or null when there is no such area that year. */
    public String areaName(Level level, Borders borders, String code) {
        return switch (level) {
            case country -> COUNTRY.equals(code) ? COUNTRY_NAME : null;
            case county -> borders == Borders.AS_REPORTED ? countyNames.get(code) : todayCountyNames.get(code);
            case municipality -> borders == Borders.AS_REPORTED
                    ? (byCode.containsKey(code) ? byCode.get(code).name() : null)
                    : todayNames.get(code);
        };
    }

    /** Every area code of a level on the given borders that year, in order. */
    public List<String> areaCodes(Level level, Borders borders) {
        return switch (level) {
            case country -> List.of(COUNTRY);
            case county -> List.copyOf(borders == Borders.AS_REPORTED ? countyNames.keySet() : todayCountyNames.keySet());
            case municipality -> List.copyOf(borders == Borders.AS_REPORTED ? byCode.keySet() : todayNames.keySet());
        };
    }
}
