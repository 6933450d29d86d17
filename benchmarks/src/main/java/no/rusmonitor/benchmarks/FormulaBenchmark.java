package no.rusmonitor.benchmarks;

import java.math.BigDecimal;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import no.rusmonitor.indicator.formula.Formula;
import no.rusmonitor.indicator.formula.FormulaException;

/**
 * One formula evaluated with one municipality's answers, for the kinds of formula the repository's
 * indicators use: a single question, a sum, a product, and a condition on a choice.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class FormulaBenchmark {

    @Param({ "users_with_individual_plan", "fte_adults + fte_youth", "waiting_days_avg * users_total",
            "IF(extra_funds_used == \"very_large\" || extra_funds_used == \"large\", 1, 0)" })
    public String text;

    private Formula formula;
    private final Map<String, Object> answers = Map.of("users_with_individual_plan", new BigDecimal("30"), "users_total", new BigDecimal("180"),
            "fte_adults", new BigDecimal("12.5"), "fte_youth", new BigDecimal("3.0"), "waiting_days_avg", new BigDecimal("14.0"),
            "extra_funds_used", "large");

    @Setup
    public void compile() throws FormulaException {
        formula = Formula.compile(text);
    }

    @Benchmark
    public double evaluate() throws FormulaException {
        return formula.evaluate(answers);
    }
}
