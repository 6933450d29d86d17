package no.rusmonitor.indicator.compute;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import no.rusmonitor.indicator.definition.PersonCountPart;
import no.rusmonitor.reference.BorderMapping;

/**
 * Which of a year's published figures add up to which, on both border systems together, for
 * {@link SuppressionRule}. A hidden value must not be recoverable from any of them, and a reader has both
 * systems at once:
 * <ul>
 * <li>within each system, a county is the sum of its municipalities, the country of the counties and of
 * the municipalities, and an aggregate of its size classes;</li>
 * <li>across them, a municipality on today's borders is the sum of its predecessors as reported (for one
 * that did not change, the same figure), so a value hidden in one system is hidden in the other;</li>
 * <li>an aggregate on today's borders also adds what its municipalities' predecessors reported when a
 * municipality itself is missing (one predecessor did not report) or a predecessor was split; and an
 * aggregate adds municipalities without a population, which fall in no size class. Those predecessors and
 * municipalities are parts of the sums too;</li>
 * <li>the country's size class is the sum of the same class of every county;</li>
 * <li>a county (or a county's size class) in one system is one in the other system, or that one and some
 * municipalities, where they add up the same municipalities or nested sets of them.</li>
 * </ul>
 * An indicator whose numerator and denominator both count persons also hides what each of them, alone,
 * would need hidden: several indicators share a figure (users_total), and a reader has all of them.
 * <p>
 * The groups are sums taken one at a time; what a combination of several gives away, {@link ExactAudit}
 * finds, and more is hidden until it finds nothing.
 */
final class Suppressing {

    private Suppressing() {
    }

    static void apply(CompiledIndicator indicator, YearGeography geo, YearComputation.Areas reported, YearComputation.Areas today) {
        List<Cell> everything = new ArrayList<>();
        for (YearComputation.Areas areas : List.of(reported, today)) {
            everything.addAll(areas.units().values());
            for (Cell aggregate : areas.aggregates()) {
                everything.add(aggregate);
                everything.addAll(aggregate.classCells);
            }
        }
        List<SuppressionRule.Group> groups = groups(geo, reported, today);
        ExactAudit audit = new ExactAudit(List.copyOf(reported.units().values()), everything, sources(geo, reported, today));
        // Where both parts count persons, each is also protected on its own, by the pattern a table of that
        // figure alone would get. Another indicator with the same figure (users_total is the denominator of
        // several) counts it alone or with another part; each withholds at least the pattern the figure alone
        // needs (the same from the same answers), so a figure withheld in one cannot be worked out with the
        // figures another publishes.
        List<PersonCountPart> parts = indicator.content().personCountParts();
        Set<Cell> alone = Collections.newSetFromMap(new IdentityHashMap<>());
        if (parts.size() > 1) {
            for (PersonCountPart part : parts) {
                alone.addAll(hiddenCounting(part, everything, groups, audit));
            }
        }
        SuppressionRule.applyPrimary(everything);
        for (Cell cell : alone) {
            if (cell.shown()) {
                cell.suppression = Suppression.secondary;
            }
        }
        applySecondary(groups, indicator::personCount, audit);
    }

    /**
     * Secondary suppression by the groups, then by the exact audit: while a combination of sums gives a hidden
     * figure away, the cheapest figure it uses is hidden too (one for several where it serves), and the groups are
     * applied again.
     */
    private static void applySecondary(List<SuppressionRule.Group> groups, SuppressionRule.PersonCount persons, ExactAudit audit) {
        SuppressionRule.applySecondary(groups, persons);
        for (List<Cell> next = audit.toHide(); !next.isEmpty(); next = audit.toHide()) {
            next.forEach(cell -> cell.suppression = Suppression.secondary);
            SuppressionRule.applySecondary(groups, persons);
        }
    }

    /**
     * For each figure that entered, the municipalities as reported whose figures it adds (bits in the order of
     * {@code reported.units()}): see {@link ExactAudit}.
     */
    private static Map<Cell, BitSet> sources(YearGeography geo, YearComputation.Areas reported, YearComputation.Areas today) {
        Map<Cell, BitSet> sources = new IdentityHashMap<>();
        Map<String, Integer> bit = new HashMap<>();
        BitSet all = new BitSet();
        int i = 0;
        for (Cell unit : reported.units().values()) {
            bit.put(unit.key.areaCode(), i);
            BitSet own = new BitSet();
            if (unit.entered) {
                own.set(i);
                all.set(i);
            }
            sources.put(unit, own);
            i++;
        }
        for (Map.Entry<String, Cell> entry : today.units().entrySet()) {
            BitSet predecessors = new BitSet();
            if (entry.getValue().entered) {
                geo.today.get(entry.getKey()).predecessors().forEach(code -> predecessors.set(bit.get(code)));
            }
            sources.put(entry.getValue(), predecessors);
        }
        for (Cell county : reported.counties()) {
            aggregateSources(county, geo.countyMembers.get(county.key.areaCode()), bit, all, sources);
        }
        for (Cell county : today.counties()) {
            aggregateSources(county, geo.todayCountySources.getOrDefault(county.key.areaCode(), List.of()), bit, all, sources);
        }
        aggregateSources(reported.country(), null, bit, all, sources);
        aggregateSources(today.country(), null, bit, all, sources);
        return sources;
    }

    /** An aggregate adds what its sources (null: every municipality) reported; a size class its members of that class. */
    private static void aggregateSources(Cell aggregate, List<String> codes, Map<String, Integer> bit, BitSet all, Map<Cell, BitSet> sources) {
        BitSet of = new BitSet();
        if (codes == null) {
            of.or(all);
        } else {
            codes.forEach(code -> of.set(bit.get(code)));
            of.and(all);
        }
        sources.put(aggregate, of);
        for (Cell sizeClass : aggregate.classCells) {
            BitSet members = new BitSet();
            for (Cell member : aggregate.members) {
                if (member.entered && member.sizeClass == sizeClass.sizeClass) {
                    members.or(sources.get(member));
                }
            }
            sources.put(sizeClass, members);
        }
    }

    /**
     * The cells a table of one part's figure alone would hide: primary where it counts fewer than the
     * threshold, secondary as the rule then needs. Every cell is left as it was.
     */
    private static List<Cell> hiddenCounting(PersonCountPart part, List<Cell> everything, List<SuppressionRule.Group> groups, ExactAudit audit) {
        Double[] counts = new Double[everything.size()];
        for (int i = 0; i < counts.length; i++) {
            Cell cell = everything.get(i);
            counts[i] = cell.personCount;
            cell.personCount = cell.entered ? (part == PersonCountPart.numerator ? cell.numerator : cell.denominator) : null;
        }
        SuppressionRule.applyPrimary(everything);
        applySecondary(groups, (numerator, denominator) -> part == PersonCountPart.numerator ? numerator : denominator, audit);
        List<Cell> hidden = new ArrayList<>();
        for (int i = 0; i < counts.length; i++) {
            Cell cell = everything.get(i);
            if (cell.suppression != Suppression.none) {
                hidden.add(cell);
            }
            cell.suppression = Suppression.none;
            cell.personCount = counts[i];
        }
        return hidden;
    }

    /** Every sum a reader can check among the year's figures, on both border systems. */
    private static List<SuppressionRule.Group> groups(YearGeography geo, YearComputation.Areas reported, YearComputation.Areas today) {
        List<SuppressionRule.Group> groups = new ArrayList<>();
        List<String> allCodes = geo.municipalities().stream().map(m -> m.code()).toList();
        // As reported, every aggregate is exactly the sum of its members.
        for (Cell county : reported.counties()) {
            within(county, List.of(), groups);
        }
        groups.add(new SuppressionRule.Group(reported.country(), reported.counties()));
        within(reported.country(), List.of(), groups);
        classesAcross(reported, groups);

        // On today's borders, what the municipalities do not cover comes from the predecessors as reported; the
        // country adds the counties, and what reported in none that has a figure (a county a split straddles).
        List<Cell> counties = new ArrayList<>(today.counties());
        Set<String> inCounties = new HashSet<>();
        for (Cell county : today.counties()) {
            if (county.entered) {
                List<String> sources = geo.todayCountySources.getOrDefault(county.key.areaCode(), List.of());
                within(county, uncovered(geo, county.members, sources, reported.units()), groups);
                inCounties.addAll(sources);
            }
        }
        for (String code : allCodes) {
            if (!inCounties.contains(code) && reported.units().get(code).entered) {
                counties.add(reported.units().get(code));
            }
        }
        groups.add(new SuppressionRule.Group(today.country(), counties));
        within(today.country(), uncovered(geo, today.country().members, allCodes, reported.units()), groups);
        classesAcross(today, groups);

        // Across the systems: each municipality on today's borders and its predecessors.
        for (Map.Entry<String, BorderMapping> entry : geo.today.entrySet()) {
            Cell unit = today.units().get(entry.getKey());
            if (unit.entered && entry.getValue().complete()) {
                List<Cell> predecessors = new ArrayList<>();
                for (String predecessor : entry.getValue().predecessors()) {
                    predecessors.add(reported.units().get(predecessor));
                }
                groups.add(new SuppressionRule.Group(unit, predecessors));
            }
        }
        acrossAggregates(geo, reported, today, groups);
        return groups;
    }

    /**
     * Across the systems, county against county (and a county's size class against another's): one as reported
     * and one on today's borders add up what the same municipalities reported, or one of them what the other
     * does and some more. The one then is the other plus those municipalities (Østfold 01 in 2019 is Østfold 31
     * and Rømskog), and where both are the same set, each is the other: one hidden while the other is shown
     * would give it away, or give away the difference. The country, the same sum in both systems, and its size
     * classes are left to the sums above: linked to every county, they made groups of a few hundred parts for
     * every county and class, with little more to protect.
     */
    private static void acrossAggregates(YearGeography geo, YearComputation.Areas reported, YearComputation.Areas today,
            List<SuppressionRule.Group> groups) {
        List<Cell> units = List.copyOf(reported.units().values());
        Map<String, Integer> bit = new HashMap<>(units.size() * 2);
        for (int i = 0; i < units.size(); i++) {
            bit.put(units.get(i).key.areaCode(), i);
        }
        // In a fixed order (the groups' order decides which cell is hidden next), so lists, not identity maps.
        List<Covering> asReported = new ArrayList<>();
        for (Cell county : reported.counties()) {
            asReported.add(new Covering(county, sourcesOf(county.members, null, bit)));
            for (Cell sizeClass : county.classCells) {
                asReported.add(new Covering(sizeClass, sourcesOf(county.members, sizeClass.sizeClass, bit)));
            }
        }
        List<Covering> onToday = new ArrayList<>();
        for (Cell county : today.counties()) {
            if (!county.entered) {
                continue;
            }
            List<Cell> sources = new ArrayList<>();
            geo.todayCountySources.getOrDefault(county.key.areaCode(), List.of()).forEach(code -> sources.add(reported.units().get(code)));
            onToday.add(new Covering(county, sourcesOf(sources, null, bit)));
            for (Cell sizeClass : county.classCells) {
                List<Cell> predecessors = new ArrayList<>();
                for (Cell member : county.members) {
                    if (member.entered && member.sizeClass == sizeClass.sizeClass) {
                        geo.today.get(member.key.areaCode()).predecessors().forEach(code -> predecessors.add(reported.units().get(code)));
                    }
                }
                onToday.add(new Covering(sizeClass, sourcesOf(predecessors, null, bit)));
            }
        }
        for (Covering a : asReported) {
            for (Covering b : onToday) {
                // County with county, a size class with the same class: a county against a class of its own is a
                // sum already within each system, and linking those made many large groups for little.
                if (a.cell().sizeClass == b.cell().sizeClass) {
                    link(a, b, units, groups);
                }
            }
        }
    }

    /** An aggregate and the municipalities, as reported, whose figures it adds up. */
    private record Covering(Cell cell, BitSet sources) {
    }

    /** The entered municipalities among {@code cells} (of {@code sizeClass} only, unless null), as bits. */
    private static BitSet sourcesOf(List<Cell> cells, SizeClass sizeClass, Map<String, Integer> bit) {
        BitSet set = new BitSet();
        for (Cell cell : cells) {
            if (cell != null && cell.entered && (sizeClass == null || cell.sizeClass == sizeClass)) {
                set.set(bit.get(cell.key.areaCode()));
            }
        }
        return set;
    }

    /** The groups of two aggregates over the same municipalities, or over nested sets of them. */
    private static void link(Covering a, Covering b, List<Cell> units, List<SuppressionRule.Group> groups) {
        if (a.sources().isEmpty() || b.sources().isEmpty() || !a.sources().intersects(b.sources())) {
            return;
        }
        if (a.sources().equals(b.sources())) {
            groups.add(new SuppressionRule.Group(a.cell(), List.of(b.cell())));
            groups.add(new SuppressionRule.Group(b.cell(), List.of(a.cell())));
        } else if (contains(a.sources(), b.sources())) {
            groups.add(new SuppressionRule.Group(a.cell(), plus(b, a.sources(), units)));
        } else if (contains(b.sources(), a.sources())) {
            groups.add(new SuppressionRule.Group(b.cell(), plus(a, b.sources(), units)));
        }
    }

    private static boolean contains(BitSet larger, BitSet smaller) {
        BitSet outside = (BitSet) smaller.clone();
        outside.andNot(larger);
        return outside.isEmpty();
    }

    /** {@code smaller} and the municipalities {@code larger} adds to it. */
    private static List<Cell> plus(Covering smaller, BitSet larger, List<Cell> units) {
        List<Cell> parts = new ArrayList<>();
        parts.add(smaller.cell());
        BitSet more = (BitSet) larger.clone();
        more.andNot(smaller.sources());
        more.stream().forEach(i -> parts.add(units.get(i)));
        return parts;
    }

    /**
     * The country's size class over the same class of each county that has size classes, and the
     * municipalities of that class in a county without them (one a split left without a figure).
     */
    private static void classesAcross(YearComputation.Areas areas, List<SuppressionRule.Group> groups) {
        Set<Cell> inCounties = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Cell county : areas.counties()) {
            if (!county.classCells.isEmpty()) {
                inCounties.addAll(county.members);
            }
        }
        for (Cell countryClass : areas.country().classCells) {
            List<Cell> parts = new ArrayList<>();
            for (Cell county : areas.counties()) {
                for (Cell countyClass : county.classCells) {
                    if (countyClass.sizeClass == countryClass.sizeClass) {
                        parts.add(countyClass);
                    }
                }
            }
            for (Cell unit : areas.units().values()) {
                if (unit.entered && unit.sizeClass == countryClass.sizeClass && !inCounties.contains(unit)) {
                    parts.add(unit);
                }
            }
            groups.add(new SuppressionRule.Group(countryClass, parts));
        }
    }

    /**
     * An aggregate's groups: the aggregate over its members (and {@code extra}), over its size classes (and the
     * members without one, and {@code extra}), and each size class over its members.
     */
    private static void within(Cell aggregate, List<Cell> extra, List<SuppressionRule.Group> groups) {
        List<Cell> members = new ArrayList<>(aggregate.members);
        members.addAll(extra);
        groups.add(new SuppressionRule.Group(aggregate, members));
        List<Cell> classes = new ArrayList<>(aggregate.classCells);
        Map<SizeClass, List<Cell>> byClass = new EnumMap<>(SizeClass.class);
        for (Cell member : aggregate.members) {
            if (member.entered && member.sizeClass != null) {
                byClass.computeIfAbsent(member.sizeClass, c -> new ArrayList<>()).add(member);
            } else if (member.entered) {
                classes.add(member);
            }
        }
        classes.addAll(extra);
        groups.add(new SuppressionRule.Group(aggregate, classes));
        for (Cell part : aggregate.classCells) {
            groups.add(new SuppressionRule.Group(part, byClass.getOrDefault(part.sizeClass, List.of())));
        }
    }

    /**
     * The predecessors, as reported, among an aggregate's sources on today's borders that none of its
     * municipalities with a figure is made of: their figures are in the aggregate's sum all the same.
     */
    private static List<Cell> uncovered(YearGeography geo, List<Cell> members, List<String> sources, Map<String, Cell> reported) {
        Set<String> covered = new HashSet<>();
        for (Cell member : members) {
            BorderMapping mapping = geo.today.get(member.key.areaCode());
            if (member.entered && mapping != null && mapping.complete()) {
                covered.addAll(mapping.predecessors());
            }
        }
        List<Cell> extra = new ArrayList<>();
        for (String source : sources) {
            Cell cell = reported.get(source);
            if (!covered.contains(source) && cell != null && cell.entered) {
                extra.add(cell);
            }
        }
        return extra;
    }
}
