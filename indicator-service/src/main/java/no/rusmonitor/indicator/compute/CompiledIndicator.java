package no.rusmonitor.indicator.compute;

import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

import no.rusmonitor.indicator.definition.Aggregation;
import no.rusmonitor.indicator.definition.DefinitionContent;
import no.rusmonitor.indicator.definition.PersonCountPart;
import no.rusmonitor.indicator.formula.Formula;
import no.rusmonitor.indicator.formula.FormulaException;

/** An indicator definition with its formulas parsed, ready to compute. */
public final class CompiledIndicator {

    /** The population of the municipality on 1 January of the year. */
    public static final String POPULATION = "population";
    /** Whether the municipality has submitted for the year (true/false). */
    public static final String SUBMITTED = "submitted";
    public static final Set<String> REFERENCE_VARIABLES = Set.of(POPULATION, SUBMITTED);

    private final String id;
    private final int version;
    private final DefinitionContent content;
    private final Formula numerator;
    private final Formula denominator;
    private final Set<String> questions;
    private final boolean usesPopulation;

    private CompiledIndicator(String id, int version, DefinitionContent content, Formula numerator, Formula denominator) {
        this.id = id;
        this.version = version;
        this.content = content;
        this.numerator = numerator;
        this.denominator = denominator;
        Set<String> all = new TreeSet<>(numerator.variables());
        all.addAll(denominator.variables());
        this.usesPopulation = all.contains(POPULATION);
        all.removeAll(REFERENCE_VARIABLES);
        this.questions = Collections.unmodifiableSet(all);
    }

    public static CompiledIndicator compile(String id, int version, DefinitionContent content) throws FormulaException {
        return new CompiledIndicator(id, version, content, Formula.compile(content.numerator()), Formula.compile(content.denominator()));
    }

    public String id() {
        return id;
    }

    public int version() {
        return version;
    }

    public DefinitionContent content() {
        return content;
    }

    public Formula numerator() {
        return numerator;
    }

    public Formula denominator() {
        return denominator;
    }

    /** The survey questions the formulas use. */
    public Set<String> questions() {
        return questions;
    }

    public boolean usesPopulation() {
        return usesPopulation;
    }

    public boolean overExpected() {
        return content.aggregation() == Aggregation.sum_over_expected;
    }

    public double factor() {
        return content.factor();
    }

    /** The person count of a numerator and denominator, or null when the indicator counts no persons. */
    public Double personCount(double numeratorValue, double denominatorValue) {
        Double count = null;
        for (PersonCountPart part : content.personCountParts()) {
            double v = part == PersonCountPart.numerator ? numeratorValue : denominatorValue;
            count = count == null ? v : Math.min(count, v);
        }
        return count;
    }

    public boolean countsPersons() {
        return !content.personCountParts().isEmpty();
    }
}
