package no.rusmonitor.indicator.rebuild;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A full rebuild and how far it has come: years done of the years that have answers, values computed
 * and how many of them changed (and were published).
 *
 * @param state queued, running, succeeded or failed
 * @param computationRevision the revision of the computation it used (see {@code compute/ComputationRevision})
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RebuildView(UUID id, String state, String requestedBy, Instant requestedAt, Instant startedAt, Instant finishedAt,
        int yearsTotal, int yearsDone, int percentDone, long valuesComputed, long valuesChanged, Long durationMillis,
        Integer computationRevision, String error) {
}
