package no.rusmonitor.indicator.compute;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import no.rusmonitor.indicator.engine.StoredValue;
import no.rusmonitor.indicator.values.ValueView;
import no.rusmonitor.reference.BorderMapping;
import no.rusmonitor.reference.Municipality;

/**
 * What a reader of the public figures can work out: every figure of a year on both border systems, and
 * every sum that holds between them by the definitions (a county adds its municipalities, a municipality
 * on today's borders its predecessors as reported, an aggregate its size classes and the municipalities
 * without one, ...), written down here from the geography, not taken from the code that suppresses. A
 * sum in which exactly one figure is hidden gives that figure away, separately for numerators and
 * denominators; what is found is used again until nothing more is. An exact reader combines any number of
 * sums instead ({@link #exactlyRecoverable}).
 */
final class PublicFigures {

    /** A figure: a value's key, or an aggregate's size class. */
    private record Term(String id) {
    }

    /** total = sum of parts. */
    private record Sum(Term total, List<Term> parts) {
    }

    private final Map<Term, ComputedValue> values = new HashMap<>();
    private final Map<Term, SizeClassValue> classes = new HashMap<>();
    private final List<Sum> sums = new ArrayList<>();
    private final CompiledIndicator indicator;

    /** Figures of several indicators, whose size classes count no persons here: for the denominators only. */
    PublicFigures(List<ComputedValue> computed, YearGeography geo) {
        this(computed, geo, null);
    }

    PublicFigures(List<ComputedValue> computed, YearGeography geo, CompiledIndicator indicator) {
        this.indicator = indicator;
        for (ComputedValue value : computed) {
            values.put(term(value.key()), value);
            if (value.sizeClasses() != null) {
                for (SizeClassValue c : value.sizeClasses()) {
                    classes.put(classTerm(value.key(), c.sizeClass()), c);
                }
            }
        }
        int year = geo.year();
        List<String> all = geo.municipalities().stream().map(Municipality::code).toList();
        Map<String, SizeClass> reportedClass = new HashMap<>();
        geo.municipalities().forEach(m -> reportedClass.put(m.code(), SizeClass.of(m.population())));
        Map<String, SizeClass> todayClass = new HashMap<>();
        geo.todayPopulation.forEach((code, people) -> todayClass.put(code, SizeClass.of(people)));

        // As reported.
        List<Term> counties = new ArrayList<>();
        for (Map.Entry<String, List<String>> county : geo.countyMembers.entrySet()) {
            Term total = term(Level.county, county.getKey(), Borders.AS_REPORTED, year);
            counties.add(total);
            aggregate(total, units(county.getValue(), Borders.AS_REPORTED, year), county.getValue(), reportedClass, Borders.AS_REPORTED, year);
        }
        Term country = term(Level.country, YearGeography.COUNTRY, Borders.AS_REPORTED, year);
        sums.add(new Sum(country, counties));
        aggregate(country, units(all, Borders.AS_REPORTED, year), all, reportedClass, Borders.AS_REPORTED, year);

        // On today's borders: every aggregate adds what its sources reported; a municipality its predecessors.
        Term todayCountry = term(Level.country, YearGeography.COUNTRY, Borders.TODAY, year);
        sums.add(new Sum(todayCountry, units(all, Borders.AS_REPORTED, year)));
        List<Term> todayCounties = new ArrayList<>();
        Set<String> inCounties = new HashSet<>();
        for (Map.Entry<String, List<String>> county : geo.todayCountySources.entrySet()) {
            if (geo.todayCountiesSplit.contains(county.getKey())) {
                continue;
            }
            Term total = term(Level.county, county.getKey(), Borders.TODAY, year);
            todayCounties.add(total);
            inCounties.addAll(county.getValue());
            sums.add(new Sum(total, units(county.getValue(), Borders.AS_REPORTED, year)));
            List<String> members = geo.todayCountyUnits.getOrDefault(county.getKey(), List.of());
            classesOf(total, members, todayClass, Borders.TODAY, year, uncovered(geo, members, county.getValue(), year));
        }
        List<Term> countryParts = new ArrayList<>(todayCounties);
        all.stream().filter(code -> !inCounties.contains(code)).forEach(code -> countryParts.add(term(Level.municipality, code, Borders.AS_REPORTED, year)));
        sums.add(new Sum(todayCountry, countryParts));
        List<String> todayUnits = List.copyOf(geo.today.keySet());
        classesOf(todayCountry, todayUnits, todayClass, Borders.TODAY, year, uncovered(geo, todayUnits, all, year));

        // The country's size class is that class in every county (and, on today's borders, in the municipalities
        // of a county that has no figure, a split having left it without one).
        classesAcross(country, counties, all, reportedClass, Borders.AS_REPORTED, year, Set.of());
        Set<String> unitsInCounties = new HashSet<>();
        geo.todayCountySources.keySet().stream().filter(c -> !geo.todayCountiesSplit.contains(c))
                .forEach(c -> unitsInCounties.addAll(geo.todayCountyUnits.getOrDefault(c, List.of())));
        classesAcross(todayCountry, todayCounties, todayUnits, todayClass, Borders.TODAY, year, unitsInCounties);
        for (Map.Entry<String, BorderMapping> entry : geo.today.entrySet()) {
            Term unit = term(Level.municipality, entry.getKey(), Borders.TODAY, year);
            if (entry.getValue().complete() && entered(unit)) {
                sums.add(new Sum(unit, units(entry.getValue().predecessors(), Borders.AS_REPORTED, year)));
            }
        }
    }

    /** An aggregate over its members, and its size classes. */
    private void aggregate(Term total, List<Term> members, List<String> codes, Map<String, SizeClass> sizeClasses, Borders borders, int year) {
        sums.add(new Sum(total, members));
        classesOf(total, codes, sizeClasses, borders, year, List.of());
    }

    /**
     * The aggregate is its size classes, its members without one and {@code uncovered} (on today's borders, what
     * its sources reported that none of its members with a figure is made of); each class is its members of that
     * class.
     */
    private void classesOf(Term total, List<String> codes, Map<String, SizeClass> sizeClasses, Borders borders, int year, List<Term> uncovered) {
        ValueKey key = values.get(total).key();
        List<Term> parts = new ArrayList<>(uncovered);
        Map<SizeClass, List<Term>> byClass = new HashMap<>();
        for (String code : codes) {
            Term unit = term(Level.municipality, code, borders, year);
            SizeClass sizeClass = sizeClasses.get(code);
            if (sizeClass == null) {
                parts.add(unit);
            } else if (entered(unit)) {
                byClass.computeIfAbsent(sizeClass, c -> new ArrayList<>()).add(unit);
            }
        }
        for (SizeClass sizeClass : SizeClass.ALL) {
            Term part = classTerm(key, sizeClass);
            parts.add(part);
            sums.add(new Sum(part, byClass.getOrDefault(sizeClass, List.of())));
        }
        sums.add(new Sum(total, parts));
    }

    /** Each class of the country over the same class of {@code counties}, and the units of that class outside them. */
    private void classesAcross(Term country, List<Term> counties, List<String> units, Map<String, SizeClass> sizeClasses, Borders borders,
            int year, Set<String> inCounties) {
        ValueKey countryKey = values.get(country).key();
        for (SizeClass sizeClass : SizeClass.ALL) {
            List<Term> parts = new ArrayList<>();
            counties.forEach(county -> parts.add(classTerm(values.get(county).key(), sizeClass)));
            for (String code : units) {
                Term unit = term(Level.municipality, code, borders, year);
                if (borders == Borders.TODAY && !inCounties.contains(code) && sizeClass == sizeClasses.get(code) && entered(unit)) {
                    parts.add(unit);
                }
            }
            sums.add(new Sum(classTerm(countryKey, sizeClass), parts));
        }
    }

    /**
     * The withheld figures counting fewer than {@code persons} a reader can work out, with the sum that gave each
     * away: those hidden for their small numbers, and those without a value whose parts count that few.
     */
    List<String> recoverableUnder(double persons) {
        return recoverable(withheldUnder(persons));
    }

    /** The hidden denominators under {@code threshold} a reader can work out exactly. */
    List<String> recoverableDenominatorsUnder(double threshold) {
        return recoverable(hiddenDenominatorUnder(threshold));
    }

    private Predicate<Term> hiddenDenominatorUnder(double threshold) {
        return term -> {
            ComputedValue value = values.get(term);
            Double denominator = value != null ? value.denominator() : classes.get(term).denominator();
            return !published(term) && denominator != null && denominator < threshold;
        };
    }

    private Predicate<Term> withheldUnder(double persons) {
        return term -> {
            ComputedValue value = values.get(term);
            Double count = value != null ? value.personCount() : personCount(classes.get(term));
            return !published(term) && count != null && count < persons;
        };
    }

    /** A size class's person count, as its indicator counts them (null where none is given: counted as no one). */
    private Double personCount(SizeClassValue sizeClass) {
        return indicator == null || sizeClass.numerator() == null ? null : indicator.personCount(sizeClass.numerator(), sizeClass.denominator());
    }

    private List<String> recoverable(Predicate<Term> sensitive) {
        Set<Term> known = new HashSet<>();
        values.keySet().stream().filter(this::published).forEach(known::add);
        classes.keySet().stream().filter(this::published).forEach(known::add);
        List<String> found = new ArrayList<>();
        boolean more = true;
        while (more) {
            more = false;
            for (Sum sum : sums) {
                List<Term> unknown = new ArrayList<>();
                if (!known.contains(sum.total())) {
                    unknown.add(sum.total());
                }
                for (Term part : sum.parts()) {
                    if (!known.contains(part)) {
                        unknown.add(part);
                    }
                }
                if (unknown.size() == 1) {
                    Term given = unknown.get(0);
                    known.add(given);
                    more = true;
                    if (sensitive.test(given)) {
                        found.add(given.id() + " from " + sum.total().id() + " = " + sum.parts().stream().map(Term::id).toList());
                    }
                }
            }
        }
        return found;
    }

    /**
     * The withheld figures counting fewer than {@code persons} a reader can work out exactly by combining any
     * number of sums: each sum an equation in the withheld figures (the published ones known), solved modulo a
     * prime.
     */
    List<String> exactlyRecoverableUnder(double persons) {
        return exactlyRecoverable(withheldUnder(persons));
    }

    /** The hidden denominators under {@code threshold} a reader can work out exactly by combining sums. */
    List<String> exactlyRecoverableDenominatorsUnder(double threshold) {
        return exactlyRecoverable(hiddenDenominatorUnder(threshold));
    }

    private List<String> exactlyRecoverable(Predicate<Term> sensitive) {
        final long prime = 1_000_000_007L;
        Map<Term, Integer> hidden = new HashMap<>();
        List<Term> all = new ArrayList<>(values.keySet());
        all.addAll(classes.keySet());
        all.stream().filter(t -> !published(t)).sorted(java.util.Comparator.comparing(Term::id))
                .forEach(t -> hidden.put(t, hidden.size()));
        // Rows in echelon form, each under its first unknown, with a coefficient of 1 there.
        Map<Integer, java.util.TreeMap<Integer, Long>> byLead = new HashMap<>();
        for (Sum sum : sums) {
            java.util.TreeMap<Integer, Long> row = new java.util.TreeMap<>();
            add(row, hidden.get(sum.total()), 1, prime);
            sum.parts().forEach(part -> add(row, hidden.get(part), prime - 1, prime));
            reduce(row, byLead, prime, true);
        }
        List<String> found = new ArrayList<>();
        hidden.forEach((term, index) -> {
            java.util.TreeMap<Integer, Long> alone = new java.util.TreeMap<>();
            alone.put(index, 1L);
            if (sensitive.test(term) && reduce(alone, byLead, prime, false)) {
                found.add(term.id());
            }
        });
        found.sort(null);
        return found;
    }

    private static void add(java.util.TreeMap<Integer, Long> row, Integer unknown, long coefficient, long prime) {
        if (unknown != null) {
            long sum = (row.getOrDefault(unknown, 0L) + coefficient) % prime;
            if (sum == 0) {
                row.remove(unknown);
            } else {
                row.put(unknown, sum);
            }
        }
    }

    /**
     * Takes the rows kept away from {@code row} until its first unknown has none; keeps it there when asked.
     * Whether nothing is left (the row follows from the others).
     */
    private static boolean reduce(java.util.TreeMap<Integer, Long> row, Map<Integer, java.util.TreeMap<Integer, Long>> byLead, long prime,
            boolean keep) {
        while (!row.isEmpty()) {
            int lead = row.firstKey();
            java.util.TreeMap<Integer, Long> kept = byLead.get(lead);
            if (kept == null) {
                if (keep) {
                    long inverse = java.math.BigInteger.valueOf(row.get(lead)).modInverse(java.math.BigInteger.valueOf(prime)).longValue();
                    row.replaceAll((k, v) -> v * inverse % prime);
                    byLead.put(lead, row);
                }
                return false;
            }
            long factor = row.get(lead);
            kept.forEach((unknown, coefficient) -> add(row, unknown, prime - coefficient * factor % prime, prime));
        }
        return true;
    }

    /**
     * Whether a reader knows the figure: the public view shows its numerator and denominator, or it is missing
     * without them and so adds nothing to any sum. The public view is the API's own (values/ValueView).
     */
    private boolean published(Term term) {
        ComputedValue value = values.get(term);
        if (value != null) {
            return value.numerator() == null || ValueView.of(new StoredValue(value, 1, Instant.EPOCH)).publicView().numerator() != null;
        }
        SizeClassValue sizeClass = classes.get(term);
        return sizeClass.numerator() == null || sizeClass.publicView().numerator() != null;
    }

    /** Whether the figure went into the sums (a missing one adds nothing, and everyone can see it is missing). */
    private boolean entered(Term term) {
        ComputedValue value = values.get(term);
        return value != null && value.numerator() != null;
    }

    /** The sources, as reported, that no member on today's borders with a figure is made of. */
    private List<Term> uncovered(YearGeography geo, List<String> members, List<String> sources, int year) {
        Set<String> covered = new HashSet<>();
        for (String member : members) {
            BorderMapping mapping = geo.today.get(member);
            if (mapping != null && mapping.complete() && entered(term(Level.municipality, member, Borders.TODAY, year))) {
                covered.addAll(mapping.predecessors());
            }
        }
        return units(sources.stream().filter(source -> !covered.contains(source)).toList(), Borders.AS_REPORTED, year);
    }

    private static List<Term> units(List<String> codes, Borders borders, int year) {
        return codes.stream().map(code -> term(Level.municipality, code, borders, year)).toList();
    }

    private static Term term(ValueKey key) {
        return new Term(key.borders() + "/" + key.level() + "/" + key.areaCode());
    }

    private static Term term(Level level, String code, Borders borders, int year) {
        return new Term(borders + "/" + level + "/" + code);
    }

    private static Term classTerm(ValueKey key, SizeClass sizeClass) {
        return new Term(term(key).id() + "#" + sizeClass.code());
    }
}
