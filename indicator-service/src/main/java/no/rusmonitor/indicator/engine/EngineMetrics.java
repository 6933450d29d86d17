package no.rusmonitor.indicator.engine;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import no.rusmonitor.indicator.compute.CompiledIndicator;
import no.rusmonitor.indicator.compute.Contributions;
import no.rusmonitor.indicator.formula.FormulaException;

/** How long recomputations take, how many values changed, and formulas that failed on real answers. */
@ApplicationScoped
public class EngineMetrics implements Contributions.FailureListener {

    private static final Logger LOG = Logger.getLogger(EngineMetrics.class);

    private final MeterRegistry registry;
    private final Counter changed;
    private final Counter formulaFailures;

    @Inject
    public EngineMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.changed = Counter.builder("rusmonitor.indicator.values.changed").description("Values whose figures changed (published)")
                .register(registry);
        this.formulaFailures = Counter.builder("rusmonitor.indicator.formula.failures")
                .description("Formulas that could not be evaluated with a municipality's answers").register(registry);
    }

    void recomputed(String kind, Duration took, int changedValues) {
        Timer.builder("rusmonitor.indicator.recompute").description("Time to recompute and store the values one job affects")
                .tag("kind", kind).publishPercentiles(0.5, 0.99).register(registry).record(took);
        changed.increment(changedValues);
    }

    /** How many submissions one job applied together (more under load: the sign that batching pays). */
    void batched(int submissions) {
        DistributionSummary.builder("rusmonitor.indicator.batch.size")
                .description("Submissions applied together in one job").register(registry).record(submissions);
    }

    @Override
    public void failed(CompiledIndicator indicator, String municipalityCode, int year, FormulaException failure) {
        formulaFailures.increment();
        LOG.warnf("Indicator %s (version %d) cannot be computed for %s in %d: %s", indicator.id(), indicator.version(), municipalityCode,
                year, failure.getMessage());
    }
}
