package no.rusmonitor.reference;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * The reference data of the platform, read once from the files beside this class (see their README for
 * provenance): which municipalities existed in each reporting year, with county and population, and how
 * each year's codes map onto today's borders through the official change list.
 * <p>
 * Immutable and thread-safe after {@link #load()}.
 */
public final class MunicipalityCatalogue {

    public static final int FIRST_YEAR = 2015;
    public static final int LAST_YEAR = 2024;
    /** The borders that time series are shown on. */
    public static final int CURRENT_BORDERS_YEAR = 2024;

    private static final char REPLACEMENT_CHARACTER = '\uFFFD';

    /**
     * Names the population exports give wrongly but readably, as they read there, and what they are: Steinkjer's
     * 2020-2023 rows lost their first and last letters, and Oslo's 2015-2019 rows carry an English label. The
     * data file keeps the exports as they are (it names its source files); they are put right here.
     */
    private static final Map<String, String> EXPORT_ERRATA = Map.of("teinkj", "Steinkjer", "Oslo municipality", "Oslo");

    private final Map<Integer, Map<String, Municipality>> byYear;
    private final Map<Integer, Map<String, County>> countiesByYear;
    private final List<CodeChange> changes;
    /** {@link #todaysBordersFor} by year, worked out once: reports ask for the same years over and over. */
    private final Map<Integer, Map<String, BorderMapping>> todaysBorders = new ConcurrentHashMap<>();
    /** {@link #soleSuccessorOf} by year, worked out once: asked on every write of a municipality that changed. */
    private final Map<Integer, Map<String, String>> soleSuccessors = new ConcurrentHashMap<>();
    /** {@link #lastYearsCodeOf} by year, worked out once: asked on every submission. */
    private final Map<Integer, Map<String, String>> renumberedFrom = new ConcurrentHashMap<>();

    private MunicipalityCatalogue(Map<Integer, Map<String, Municipality>> byYear,
            Map<Integer, Map<String, County>> countiesByYear, List<CodeChange> changes) {
        this.byYear = byYear;
        this.countiesByYear = countiesByYear;
        this.changes = changes;
    }

    public static MunicipalityCatalogue load() {
        List<CodeChange> changes = new ArrayList<>();
        read("municipality-changes-2011-2024.csv", r -> changes.add(new CodeChange(r.get("oldCode"), r.get("oldName"),
                r.get("newCode"), r.get("newName"), LocalDate.parse(r.get("changeOccurred")))));
        changes.sort(Comparator.comparing(CodeChange::occurred));

        Map<Integer, Map<String, County>> counties = new TreeMap<>();
        read("counties-by-year.csv", r -> {
            for (int year = Integer.parseInt(r.get("year_from")); year <= Integer.parseInt(r.get("year_to")); year++) {
                counties.computeIfAbsent(year, y -> new TreeMap<>())
                        .put(r.get("fylkesnummer"), new County(year, r.get("fylkesnummer"), r.get("fylkesnavn")));
            }
        });

        Map<Integer, Map<String, Long>> population = new TreeMap<>();
        Map<Integer, Map<String, String>> names = new TreeMap<>();
        read("population-2015-2024.csv", r -> {
            int year = Integer.parseInt(r.get("year"));
            population.computeIfAbsent(year, y -> new HashMap<>()).put(r.get("kommunenummer"), Long.parseLong(r.get("population_jan1")));
            names.computeIfAbsent(year, y -> new HashMap<>()).put(r.get("kommunenummer"), r.get("name_as_in_ssb_export"));
        });
        Map<String, String> currentNames = new HashMap<>();
        read("municipalities-2024.csv", r -> currentNames.put(r.get("kommunenummer"), r.get("kommunenavn")));

        Map<Integer, Map<String, Municipality>> byYear = new TreeMap<>();
        for (int year = FIRST_YEAR; year <= LAST_YEAR; year++) {
            Map<String, Long> people = population.getOrDefault(year, Map.of());
            Map<String, Municipality> municipalities = new TreeMap<>();
            for (String code : validCodes(year, people.keySet(), changes)) {
                String name = bestName(code, year, names, changes, currentNames);
                String countyCode = code.substring(0, 2);
                County county = counties.getOrDefault(year, Map.of()).get(countyCode);
                if (county == null) {
                    throw new IllegalStateException("no county " + countyCode + " in " + year + " for municipality " + code);
                }
                municipalities.put(code, new Municipality(year, code, name, countyCode, county.name(), people.get(code)));
            }
            byYear.put(year, Collections.unmodifiableMap(municipalities));
        }
        return new MunicipalityCatalogue(Collections.unmodifiableMap(byYear), counties, List.copyOf(changes));
    }

    /**
     * The codes valid in {@code year}: those the population export lists for that year, plus codes the
     * export lacks (Sandefjord's predecessors in 2015 and 2016) that the change list shows were still in
     * use: retired after that year and not created after it.
     */
    private static Set<String> validCodes(int year, Set<String> listed, List<CodeChange> changes) {
        Set<String> codes = new TreeSet<>(listed);
        Set<String> createdLater = new LinkedHashSet<>();
        for (CodeChange change : changes) {
            if (change.effectiveYear() > year && change.renumbersOrMerges()) {
                createdLater.add(change.newCode());
            }
        }
        for (CodeChange change : changes) {
            if (change.effectiveYear() > year && change.renumbersOrMerges()
                    && !codes.contains(change.oldCode()) && !createdLater.contains(change.oldCode())) {
                codes.add(change.oldCode());
            }
        }
        return codes;
    }

    private static String bestName(String code, int year, Map<Integer, Map<String, String>> names,
            List<CodeChange> changes, Map<String, String> currentNames) {
        String exported = names.getOrDefault(year, Map.of()).get(code);
        String name = exported == null ? null : EXPORT_ERRATA.getOrDefault(exported, exported);
        if (readable(name)) {
            return name;
        }
        for (int distance = 1; distance <= LAST_YEAR - FIRST_YEAR; distance++) {
            for (int other : new int[] {year - distance, year + distance}) {
                String candidate = names.getOrDefault(other, Map.of()).get(code);
                if (readable(candidate)) {
                    return candidate;
                }
            }
        }
        for (CodeChange change : changes) {
            if (change.oldCode().equals(code) && readable(change.oldName())) {
                return change.oldName();
            }
        }
        return currentNames.getOrDefault(code, code);
    }

    private static boolean readable(String name) {
        return name != null && !name.isBlank() && name.indexOf(REPLACEMENT_CHARACTER) < 0;
    }

    public List<Integer> years() {
        return List.copyOf(byYear.keySet());
    }

    public boolean covers(int year) {
        return byYear.containsKey(year);
    }

    /** The municipalities expected to report for {@code year}, ordered by code. */
    public List<Municipality> validIn(int year) {
        return List.copyOf(byYear.getOrDefault(year, Map.of()).values());
    }

    public Optional<Municipality> find(String code, int year) {
        return Optional.ofNullable(byYear.getOrDefault(year, Map.of()).get(code));
    }

    public boolean isValid(String code, int year) {
        return find(code, year).isPresent();
    }

    /** Whether the code was valid in any year the catalogue covers. */
    public boolean isKnown(String code) {
        return byYear.values().stream().anyMatch(m -> m.containsKey(code));
    }

    public List<County> countiesIn(int year) {
        return List.copyOf(countiesByYear.getOrDefault(year, Map.of()).values());
    }

    public List<CodeChange> changes() {
        return changes;
    }

    /**
     * The codes on today's borders that municipality {@code code} of {@code year} became, following the
     * change list. More than one code means it was split.
     */
    public Set<String> currentCodesOf(String code, int year) {
        Set<String> current = new TreeSet<>(Set.of(code));
        Map<LocalDate, List<CodeChange>> byDate = new TreeMap<>();
        for (CodeChange change : changes) {
            if (change.effectiveYear() > year && change.effectiveYear() <= CURRENT_BORDERS_YEAR) {
                byDate.computeIfAbsent(change.occurred(), d -> new ArrayList<>()).add(change);
            }
        }
        for (List<CodeChange> sameDay : byDate.values()) {
            Set<String> next = new TreeSet<>();
            for (String c : current) {
                List<String> successors = sameDay.stream().filter(ch -> ch.oldCode().equals(c)).map(CodeChange::newCode).toList();
                next.addAll(successors.isEmpty() ? List.of(c) : successors);
            }
            current = next;
        }
        return Collections.unmodifiableSet(current);
    }

    /**
     * The one municipality on today's borders that municipality {@code code} of {@code year} became, whole (the
     * same, renumbered, or merged with others); empty when it was split between several, or is unknown.
     */
    public Optional<String> soleSuccessorOf(String code, int year) {
        if (!covers(year)) {
            return Optional.empty(); // not remembered: a year comes from a request's path, and could be any number
        }
        return Optional.ofNullable(soleSuccessors.computeIfAbsent(year, y -> {
            Map<String, String> successors = new HashMap<>();
            for (Municipality then : validIn(y)) {
                Set<String> current = currentCodesOf(then.code(), y);
                if (current.size() == 1) {
                    successors.put(then.code(), current.iterator().next());
                }
            }
            return Map.copyOf(successors);
        }).get(code));
    }

    /**
     * The code under which municipality {@code code} of {@code year} reported the year before: its own where it
     * existed then with the same borders, else the one municipality it was renumbered from (nothing merged into it
     * or split from it since); empty for a municipality made of several, or split from one, and for one that kept
     * its code while others merged into it or a part left it (Stavanger in 2020, with Finnøy and Rennesøy): last
     * year's answers were about another population, and comparing with them would warn of changes that are none.
     */
    public Optional<String> lastYearsCodeOf(String code, int year) {
        if (isValid(code, year - 1)) {
            return bordersChanged(code, year) ? Optional.empty() : Optional.of(code);
        }
        if (!covers(year) || !covers(year - 1)) {
            return Optional.empty(); // nothing to trace, and nothing remembered for years that are not ours
        }
        return Optional.ofNullable(renumberedFrom.computeIfAbsent(year, y -> {
            Map<String, String> from = new HashMap<>();
            Map<String, BorderMapping> before = todaysBordersFor(y - 1);
            todaysBordersFor(y).forEach((today, mapping) -> {
                BorderMapping previous = before.get(today);
                if (mapping.complete() && mapping.predecessors().size() == 1 && previous != null && previous.complete()
                        && previous.predecessors().size() == 1) {
                    from.put(mapping.predecessors().get(0), previous.predecessors().get(0));
                }
            });
            return Map.copyOf(from);
        }).get(code));
    }

    /** Whether a municipality that kept {@code code} into {@code year} took in another, or lost a part to one, as that year began. */
    private boolean bordersChanged(String code, int year) {
        return changes.stream().anyMatch(c -> c.effectiveYear() == year && c.renumbersOrMerges()
                && (c.newCode().equals(code) || c.oldCode().equals(code)));
    }

    /**
     * For each municipality on today's borders, the municipalities of {@code year} it is made of, and
     * whether summing them is sound (no predecessor was split).
     */
    public Map<String, BorderMapping> todaysBordersFor(int year) {
        return todaysBorders.computeIfAbsent(year, this::mapToToday);
    }

    private Map<String, BorderMapping> mapToToday(int year) {
        Map<String, List<String>> predecessors = new TreeMap<>();
        Map<String, Boolean> complete = new HashMap<>();
        for (Municipality current : validIn(CURRENT_BORDERS_YEAR)) {
            predecessors.put(current.code(), new ArrayList<>());
            complete.put(current.code(), true);
        }
        for (Municipality then : validIn(year)) {
            Set<String> successors = currentCodesOf(then.code(), year);
            for (String successor : successors) {
                predecessors.computeIfAbsent(successor, c -> new ArrayList<>()).add(then.code());
                if (successors.size() > 1) {
                    complete.put(successor, false);
                }
            }
        }
        Map<String, BorderMapping> result = new TreeMap<>();
        predecessors.forEach((code, list) -> result.put(code,
                new BorderMapping(year, code, List.copyOf(list), complete.getOrDefault(code, true) && !list.isEmpty())));
        return Collections.unmodifiableMap(result);
    }

    private static void read(String file, Consumer<CSVRecord> row) {
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();
        try (InputStream in = MunicipalityCatalogue.class.getResourceAsStream(file)) {
            if (in == null) {
                throw new IllegalStateException("reference file missing from the classpath: " + file);
            }
            try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                format.parse(reader).forEach(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read reference file " + file, e);
        }
    }
}
