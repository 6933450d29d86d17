package no.rusmonitor.indicator.compute;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;

import no.rusmonitor.indicator.formula.FormulaException;
import no.rusmonitor.reference.Municipality;

/**
 * What each municipality adds to an indicator: its formulas evaluated with its answers and reference
 * data. A municipality enters the sums of a {@code sum_over_reporting} indicator only when it submitted
 * and answered every question the formulas use (so a share "answering yes / answering" has the
 * denominator {@code 1}); it enters a {@code sum_over_expected} indicator whenever it was expected.
 */
public final class Contributions {

    /** Formulas that failed on an answer set (a type the formula did not expect); counted, never thrown. */
    public interface FailureListener {
        void failed(CompiledIndicator indicator, String municipalityCode, int year, FormulaException failure);
    }

    private Contributions() {
    }

    /** The largest part a municipality may contribute: sums of any year's parts, times any factor, stay far within a double. */
    static final double LARGEST_PART = 1e15;
    /** The smallest denominator other than zero: a ratio over one nearer zero could be beyond a double. */
    static final double SMALLEST_DENOMINATOR = 1e-6;

    /**
     * Refuses a part beyond what a value can be built from: each part is finite by {@link Formula}, but their
     * ratio times the factor, or a county's sum of them, need not be, and an infinite value could be neither
     * published nor written to a table. Real counts, FTEs and populations are many orders of magnitude inside.
     */
    public static void requireWithinBounds(double part, boolean denominator) throws FormulaException {
        if (Math.abs(part) > LARGEST_PART || (denominator && part != 0 && Math.abs(part) < SMALLEST_DENOMINATOR)) {
            throw new FormulaException("It gives " + part + ", beyond what a value can be computed from (at most 10^15 in size,"
                    + " and a denominator other than 0 at least 10^-6).", 0);
        }
    }

    public static Contribution of(CompiledIndicator indicator, Municipality municipality, AnswerSet answers, FailureListener failures) {
        if (answers == null && !indicator.overExpected()) {
            return Contribution.missing(MissingReason.not_reported);
        }
        Map<String, Object> values = new HashMap<>();
        for (String question : indicator.questions()) {
            Object answer = answers == null ? null : answers.answer(question);
            if (answer == null) {
                return Contribution.missing(MissingReason.not_reported);
            }
            values.put(question, answer);
        }
        if (indicator.usesPopulation()) {
            if (municipality.population() == null) {
                return Contribution.missing(MissingReason.no_population);
            }
            values.put(CompiledIndicator.POPULATION, BigDecimal.valueOf(municipality.population()));
        }
        values.put(CompiledIndicator.SUBMITTED, answers != null);
        try {
            double numerator = indicator.numerator().evaluate(values);
            double denominator = indicator.denominator().evaluate(values);
            requireWithinBounds(numerator, false);
            requireWithinBounds(denominator, true);
            return Contribution.expected(numerator, denominator, indicator.personCount(numerator, denominator), answers != null);
        } catch (FormulaException e) {
            if (failures != null) {
                failures.failed(indicator, municipality.code(), municipality.year(), e);
            }
            return Contribution.missing(MissingReason.not_reported);
        }
    }
}
