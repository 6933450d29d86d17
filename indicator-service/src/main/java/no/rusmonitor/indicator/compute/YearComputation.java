package no.rusmonitor.indicator.compute;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import no.rusmonitor.reference.BorderMapping;
import no.rusmonitor.reference.Municipality;

/**
 * Every value of one indicator in one year, on both border systems, from what each municipality
 * contributes. A pure function of its inputs: the incremental path (one submission) and the full
 * rebuild call the same code, so they give the same values. After a submission the engine asks only
 * for the values that can have changed ({@link YearCells}).
 * <ul>
 * <li>Aggregates add numerators and denominators of the municipalities that entered, in code order,
 * and carry the spread of the municipalities' own values and the breakdown by size class.</li>
 * <li>On today's borders a municipality adds up its predecessors; it is missing when a predecessor
 * was split ({@code split_before_today}) or when a predecessor did not enter.</li>
 * <li>Suppression is applied last, to both border systems at once (see {@link Suppressing}); the public
 * spread leaves hidden values out.</li>
 * </ul>
 */
public final class YearComputation {

    private YearComputation() {
    }

    /**
     * @param contributions      by municipality code valid in the year; an absent code did not report
     * @param submissionVersions by municipality code, the answer set's submission version
     */
    public static List<ComputedValue> compute(CompiledIndicator indicator, YearGeography geography, Map<String, Contribution> contributions,
            Map<String, Integer> submissionVersions) {
        return cells(indicator, geography, contributions, submissionVersions).values();
    }

    /** The same computation, its values built only when asked for (see {@link YearCells}). */
    public static YearCells cells(CompiledIndicator indicator, YearGeography geography, Map<String, Contribution> contributions,
            Map<String, Integer> submissionVersions) {
        // What every municipality of the year adds: the country's sources on both border systems.
        List<Contribution> everything = new ArrayList<>(geography.municipalities().size());
        for (Municipality m : geography.municipalities()) {
            everything.add(contribution(contributions, m.code()));
        }
        Areas reported = asReported(indicator, geography, contributions, everything, submissionVersions);
        Areas today = today(indicator, geography, contributions, everything, submissionVersions);
        // An indicator that counts no persons hides nothing (most do not): its groups are not even built.
        if (indicator.countsPersons()) {
            Suppressing.apply(indicator, geography, reported, today);
        }
        YearCells cells = new YearCells(indicator, geography);
        for (Areas areas : List.of(reported, today)) {
            cells.add(List.copyOf(areas.units().values()), false);
            cells.add(areas.aggregates(), true);
        }
        return cells;
    }

    /** One border system's cells: its municipalities by code (in code order), its counties and the country. */
    record Areas(Map<String, Cell> units, List<Cell> counties, Cell country) {

        List<Cell> aggregates() {
            List<Cell> aggregates = new ArrayList<>(counties);
            aggregates.add(country);
            return aggregates;
        }
    }

    private static Integer versionOf(String source, Map<String, Integer> versions) {
        return source == null ? null : versions.get(source);
    }

    private static Contribution contribution(Map<String, Contribution> contributions, String code) {
        Contribution c = contributions.get(code);
        return c == null ? Contribution.missing(MissingReason.not_reported) : c;
    }

    private static Areas asReported(CompiledIndicator indicator, YearGeography geo, Map<String, Contribution> contributions,
            List<Contribution> everything, Map<String, Integer> versions) {
        Borders borders = Borders.AS_REPORTED;
        // In the geography's code order, which is the order of the values computed.
        Map<String, Cell> units = new LinkedHashMap<>(geo.municipalities().size() * 2);
        for (Municipality m : geo.municipalities()) {
            Cell cell = unit(indicator, geo, borders, m.code(), m.name());
            Contribution c = contribution(contributions, m.code());
            take(cell, c, indicator);
            cell.sizeClass = SizeClass.of(m.population());
            cell.submissionVersion = versionOf(geo.soleSource(Level.municipality, borders, m.code()), versions);
            units.put(m.code(), cell);
        }
        List<Cell> counties = new ArrayList<>();
        for (Map.Entry<String, List<String>> county : geo.countyMembers.entrySet()) {
            List<Cell> members = membersOf(units, county.getValue());
            List<Contribution> sources = contributions(contributions, county.getValue());
            counties.add(aggregate(indicator, geo, borders, Level.county, county.getKey(), geo.countyNames.get(county.getKey()),
                    sources, members, null));
        }
        List<Cell> all = List.copyOf(units.values());
        Cell country = aggregate(indicator, geo, borders, Level.country, YearGeography.COUNTRY, YearGeography.COUNTRY_NAME,
                everything, all, null);
        return new Areas(units, counties, country);
    }

    private static Areas today(CompiledIndicator indicator, YearGeography geo, Map<String, Contribution> contributions,
            List<Contribution> everything, Map<String, Integer> versions) {
        Borders borders = Borders.TODAY;
        Map<String, Cell> units = new LinkedHashMap<>(geo.today.size() * 2);
        for (Map.Entry<String, BorderMapping> entry : geo.today.entrySet()) {
            String code = entry.getKey();
            BorderMapping mapping = entry.getValue();
            Cell cell = unit(indicator, geo, borders, code, geo.todayNames.get(code));
            if (mapping.predecessors().isEmpty()) {
                take(cell, Contribution.missing(MissingReason.not_reported), indicator);
            } else if (!mapping.complete()) {
                take(cell, Contribution.missing(MissingReason.split_before_today), indicator);
            } else {
                double numerator = 0;
                double denominator = 0;
                Contribution missing = null;
                for (String predecessor : mapping.predecessors()) {
                    Contribution c = contribution(contributions, predecessor);
                    if (!c.entered()) {
                        missing = c;
                        break;
                    }
                    numerator += c.numerator();
                    denominator += c.denominator();
                }
                take(cell, missing != null ? missing
                        : Contribution.of(numerator, denominator, indicator.personCount(numerator, denominator)), indicator);
            }
            cell.sizeClass = SizeClass.of(geo.todayPopulation.get(code));
            cell.submissionVersion = versionOf(geo.soleSource(Level.municipality, borders, code), versions);
            units.put(code, cell);
        }
        List<Cell> counties = new ArrayList<>();
        for (Map.Entry<String, String> county : geo.todayCountyNames.entrySet()) {
            String code = county.getKey();
            List<Cell> members = membersOf(units, geo.todayCountyUnits.getOrDefault(code, List.of()));
            List<Contribution> sources = contributions(contributions, geo.todayCountySources.getOrDefault(code, List.of()));
            MissingReason split = geo.todayCountiesSplit.contains(code) ? MissingReason.split_before_today : null;
            counties.add(aggregate(indicator, geo, borders, Level.county, code, county.getValue(), sources, members, split));
        }
        List<Cell> all = List.copyOf(units.values());
        Cell country = aggregate(indicator, geo, borders, Level.country, YearGeography.COUNTRY, YearGeography.COUNTRY_NAME,
                everything, all, null);
        return new Areas(units, counties, country);
    }

    private static List<Cell> membersOf(Map<String, Cell> units, List<String> codes) {
        List<Cell> members = new ArrayList<>(codes.size());
        for (String code : codes) {
            members.add(units.get(code));
        }
        return members;
    }

    private static List<Contribution> contributions(Map<String, Contribution> contributions, List<String> codes) {
        List<Contribution> sources = new ArrayList<>(codes.size());
        for (String code : codes) {
            sources.add(contribution(contributions, code));
        }
        return sources;
    }

    private static Cell unit(CompiledIndicator indicator, YearGeography geo, Borders borders, String code, String name) {
        return new Cell(new ValueKey(indicator.id(), Level.municipality, code, borders, geo.year()), name);
    }

    private static void take(Cell cell, Contribution c, CompiledIndicator indicator) {
        cell.entered = c.entered();
        cell.reason = c.reason();
        if (c.entered()) {
            cell.numerator = c.numerator();
            cell.denominator = c.denominator();
            cell.personCount = c.personCount();
        }
    }

    private static Cell aggregate(CompiledIndicator indicator, YearGeography geo, Borders borders, Level level, String code, String name,
            List<Contribution> sources, List<Cell> members, MissingReason forcedMissing) {
        Cell cell = new Cell(new ValueKey(indicator.id(), level, code, borders, geo.year()), name);
        cell.expectedCount = sources.size();
        int reporting = 0;
        int entered = 0;
        double numerator = 0;
        double denominator = 0;
        for (Contribution c : sources) {
            if (c.entered()) {
                entered++;
                // A sum_over_expected indicator adds every expected municipality; only those that submitted reported.
                if (c.submitted()) {
                    reporting++;
                }
                numerator += c.numerator();
                denominator += c.denominator();
            }
        }
        cell.reportingCount = reporting;
        if (forcedMissing != null) {
            cell.entered = false;
            cell.reason = forcedMissing;
            return cell;
        }
        cell.members = members;
        // A response rate where none submitted is 0 % of those expected, not missing.
        if (entered == 0) {
            cell.entered = false;
            cell.reason = MissingReason.not_reported;
        } else {
            cell.entered = true;
            cell.numerator = numerator;
            cell.denominator = denominator;
            cell.personCount = indicator.personCount(numerator, denominator);
        }
        // One pass over the members for all size classes: the country has every municipality as a member.
        int classCount = SizeClass.ALL.size();
        double[] n = new double[classCount];
        double[] d = new double[classCount];
        int[] count = new int[classCount];
        for (Cell member : members) {
            if (member.entered && member.sizeClass != null) {
                int c = member.sizeClass.ordinal();
                n[c] += member.numerator;
                d[c] += member.denominator;
                count[c]++;
            }
        }
        List<Cell> classes = new ArrayList<>(classCount);
        for (SizeClass sizeClass : SizeClass.ALL) {
            int c = sizeClass.ordinal();
            Cell part = new Cell(cell.key, name);
            part.sizeClass = sizeClass;
            part.count = count[c];
            if (count[c] > 0) {
                part.entered = true;
                part.numerator = n[c];
                part.denominator = d[c];
                part.personCount = indicator.personCount(n[c], d[c]);
            } else {
                part.reason = MissingReason.not_reported;
            }
            classes.add(part);
        }
        cell.classCells = classes;
        return cell;
    }

    static ComputedValue toValue(CompiledIndicator indicator, Cell cell, boolean aggregate) {
        double factor = indicator.factor();
        boolean ok = cell.ok();
        Spread spread = null;
        Spread publicSpread = null;
        List<SizeClassValue> classes = null;
        if (aggregate && !cell.members.isEmpty()) {
            double[] all = new double[cell.members.size()];
            double[] shown = new double[all.length];
            int allCount = 0;
            int shownCount = 0;
            for (Cell member : cell.members) {
                if (member.ok()) {
                    double value = member.value(factor);
                    all[allCount++] = value;
                    if (member.suppression == Suppression.none) {
                        shown[shownCount++] = value;
                    }
                }
            }
            spread = Spread.of(all, allCount);
            // Nothing hidden (as for every indicator that counts no persons): the same values, the same spread.
            publicSpread = shownCount == allCount ? spread : Spread.of(shown, shownCount);
        }
        if (aggregate && !cell.classCells.isEmpty()) {
            classes = new ArrayList<>();
            for (Cell part : cell.classCells) {
                classes.add(new SizeClassValue(part.sizeClass, part.ok() ? part.value(factor) : null,
                        part.entered ? part.numerator : null, part.entered ? part.denominator : null, part.count,
                        part.ok() ? part.suppression : Suppression.none));
            }
        }
        MissingReason reason = ok ? null : (cell.entered ? MissingReason.zero_denominator : cell.reason);
        return new ComputedValue(cell.key, indicator.version(), indicator.content().goal(), indicator.content().unit(), cell.areaName,
                ok ? Status.ok : Status.missing, reason, ok ? cell.value(factor) : null,
                cell.entered ? cell.numerator : null, cell.entered ? cell.denominator : null, factor,
                cell.entered ? cell.personCount : null, ok ? cell.suppression : Suppression.none,
                aggregate ? cell.reportingCount : null, aggregate ? cell.expectedCount : null, spread, publicSpread, classes,
                aggregate ? null : cell.submissionVersion);
    }
}
