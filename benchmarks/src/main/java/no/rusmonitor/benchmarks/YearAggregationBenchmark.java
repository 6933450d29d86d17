package no.rusmonitor.benchmarks;

import java.util.LinkedHashMap;
import java.util.List;
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

import no.rusmonitor.indicator.compute.CompiledIndicator;
import no.rusmonitor.indicator.compute.ComputedValue;
import no.rusmonitor.indicator.compute.Contribution;
import no.rusmonitor.indicator.compute.YearCells;
import no.rusmonitor.indicator.compute.YearComputation;
import no.rusmonitor.indicator.formula.FormulaException;

/**
 * The year's computation for the 357 municipalities of 2024, as indicator-service runs it:
 * <ul>
 * <li>{@code aggregate}: one indicator's values on both border systems (municipalities, counties, the
 * country, size classes, spreads, suppression) from contributions already evaluated;</li>
 * <li>{@code contributions}: every municipality's formulas for one indicator;</li>
 * <li>{@code wholeYear}: both for every indicator, which is what a full rebuild computes per year;</li>
 * <li>{@code cells}: every indicator's year as a submission's job computes it, from contributions already
 * held, its values not built (the job builds only the few a submission can change).</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class YearAggregationBenchmark {

    @Param({ "2024" })
    public int year;

    private YearData data;
    private CompiledIndicator indicator;
    private Map<String, Contribution> contributions;
    private Map<CompiledIndicator, Map<String, Contribution>> held;

    @Setup
    public void load() throws FormulaException {
        data = new YearData(year);
        indicator = data.indicators.get("goal3.individual_plan_share");
        contributions = data.contributions(indicator);
        held = new LinkedHashMap<>();
        for (CompiledIndicator each : data.indicators.values()) {
            held.put(each, data.contributions(each));
        }
    }

    @Benchmark
    public List<ComputedValue> aggregate() {
        return YearComputation.compute(indicator, data.geography, contributions, data.versions);
    }

    @Benchmark
    public Map<String, Contribution> contributions() {
        return data.contributions(indicator);
    }

    @Benchmark
    public int wholeYear() {
        int values = 0;
        for (CompiledIndicator each : data.indicators.values()) {
            values += YearComputation.compute(each, data.geography, data.contributions(each), data.versions).size();
        }
        return values;
    }

    @Benchmark
    public int cells() {
        int cells = 0;
        for (Map.Entry<CompiledIndicator, Map<String, Contribution>> each : held.entrySet()) {
            YearCells year = YearComputation.cells(each.getKey(), data.geography, each.getValue(), data.versions);
            cells += year.size();
        }
        return cells;
    }
}
