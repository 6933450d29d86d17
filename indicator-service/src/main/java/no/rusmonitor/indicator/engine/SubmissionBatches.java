package no.rusmonitor.indicator.engine;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.smallrye.mutiny.Uni;
import no.rusmonitor.indicator.compute.AnswerSet;
import no.rusmonitor.indicator.engine.IndicatorEngine.ApplyResult;
import no.rusmonitor.platform.problem.Failures;

/**
 * Where submissions wait for the engine. The consumer hands records over without waiting for each to be
 * applied; those that arrive while a job runs wait here together and the next job applies them in one
 * transaction, in the order they arrived. Under load every indicator is then recomputed once per batch
 * instead of once per submission, which is what lets the engine keep up with a steady stream.
 */
@ApplicationScoped
public class SubmissionBatches {

    private final IndicatorEngine engine;
    private final EngineMetrics metrics;
    private final int maxYears;
    private final List<Waiting> waiting = new ArrayList<>();

    /** A submission waiting for the next job, and the answer its consumer waits for. */
    private record Waiting(AnswerSet answers, CompletableFuture<ApplyResult> result) {
    }

    @Inject
    public SubmissionBatches(IndicatorEngine engine, EngineMetrics metrics) {
        this.engine = engine;
        this.metrics = metrics;
        this.maxYears = engine.yearsHeld();
    }

    /** Takes in a municipality's newest answers for a year; completes once they are applied (or found stale). */
    public Uni<ApplyResult> apply(AnswerSet incoming) {
        return Uni.createFrom().deferred(() -> {
            Waiting added = new Waiting(incoming, new CompletableFuture<>());
            boolean first;
            synchronized (waiting) {
                waiting.add(added);
                first = waiting.size() == 1;
            }
            if (first) {
                // Queued behind the running job at once, so that it starts the moment that one has committed.
                startJob();
            }
            return Uni.createFrom().completionStage(added.result());
        });
    }

    /** A job for what waits when it starts. */
    private void startJob() {
        // The job takes what waits when it starts; if it fails before that, what waits is failed so that its consumers retry.
        AtomicReference<List<Waiting>> taken = new AtomicReference<>();
        Supplier<List<Waiting>> take = () -> taken.updateAndGet(t -> t != null ? t : takeWaiting());
        engine.applyTogether(() -> take.get().stream().map(Waiting::answers).toList())
                .subscribe().with(results -> complete(take.get(), results), failure -> failOrRetryAlone(take.get(), failure));
    }

    /**
     * What a job applies: everything waiting, in order, but of at most as many years as the engine holds in
     * memory (a backlog over many years would otherwise have every year's state in memory at once). What is
     * left waits for a job queued at once behind this one.
     */
    private List<Waiting> takeWaiting() {
        List<Waiting> batch = new ArrayList<>();
        boolean left;
        synchronized (waiting) {
            Set<Integer> years = new HashSet<>();
            for (Iterator<Waiting> it = waiting.iterator(); it.hasNext();) {
                Waiting next = it.next();
                int year = next.answers().year();
                if (years.contains(year) || years.size() < maxYears) {
                    years.add(year);
                    batch.add(next);
                    it.remove();
                }
            }
            left = !waiting.isEmpty();
        }
        if (left) {
            startJob();
        }
        return batch;
    }

    private void complete(List<Waiting> batch, List<ApplyResult> results) {
        metrics.batched(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).result().complete(results.get(i));
        }
    }

    /**
     * A failed batch: a cause no submission is to blame for (the database away, the service at fault) fails
     * every submission of it, and each consumer retries. Any other failure is retried one submission at a time, so that one bad submission cannot
     * take the others of its batch with it to the dead-letter topic.
     */
    private void failOrRetryAlone(List<Waiting> batch, Throwable failure) {
        if (batch.size() <= 1 || Failures.mustWaitOut(failure)) {
            batch.forEach(w -> w.result().completeExceptionally(failure));
            return;
        }
        for (Waiting alone : batch) {
            engine.applyTogether(() -> List.of(alone.answers())).subscribe().with(results -> complete(List.of(alone), results),
                    aloneFailure -> alone.result().completeExceptionally(aloneFailure));
        }
    }
}
