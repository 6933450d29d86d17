package no.rusmonitor.survey.submission;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.MeterRegistry;

/** Counts of accepted and rejected submissions, by source and by reason. */
@ApplicationScoped
public class SubmissionMetrics {

    private final MeterRegistry registry;

    @Inject
    public SubmissionMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void accepted(String source) {
        registry.counter("rusmonitor.submissions.accepted", "source", source).increment();
    }

    public void rejected(String reason) {
        registry.counter("rusmonitor.submissions.rejected", "reason", reason).increment();
    }
}
