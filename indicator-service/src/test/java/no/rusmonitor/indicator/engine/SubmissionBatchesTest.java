package no.rusmonitor.indicator.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.Uni;
import no.rusmonitor.indicator.compute.AnswerSet;
import no.rusmonitor.indicator.engine.IndicatorEngine.ApplyResult;
import no.rusmonitor.indicator.engine.IndicatorEngine.Outcome;

class SubmissionBatchesTest {

    /** An engine whose jobs finish when the test says so, and which remembers what each job took. */
    static class HeldEngine extends IndicatorEngine {
        final List<List<AnswerSet>> jobs = new ArrayList<>();
        final List<CompletableFuture<Void>> releases = new ArrayList<>();

        HeldEngine(int yearsHeld) {
            super(null, null, null, null, null, null, null, null, null, yearsHeld, Duration.ofMinutes(2), Duration.ofSeconds(30));
        }

        @Override
        public Uni<List<ApplyResult>> applyTogether(Supplier<List<AnswerSet>> take) {
            CompletableFuture<Void> release = new CompletableFuture<>();
            releases.add(release);
            return Uni.createFrom().completionStage(release).map(x -> {
                List<AnswerSet> taken = take.get();
                jobs.add(taken);
                return taken.stream().map(a -> new ApplyResult(Outcome.applied, 1, 1)).toList();
            });
        }

        void finishJob(int index) {
            releases.get(index).complete(null);
        }
    }

    private static AnswerSet answers(String code, int year) {
        return new AnswerSet(code, year, 1, 1, Map.of(), Instant.EPOCH, code + "-" + year);
    }

    @Test
    void submissionsThatArriveWhileAJobRunsWaitForTheNextJobTogether() {
        HeldEngine engine = new HeldEngine(3);
        SubmissionBatches batches = new SubmissionBatches(engine, new EngineMetrics(new SimpleMeterRegistry()));

        CompletableFuture<ApplyResult> first = batches.apply(answers("0301", 2024)).subscribeAsCompletionStage();
        CompletableFuture<ApplyResult> second = batches.apply(answers("1103", 2024)).subscribeAsCompletionStage();
        CompletableFuture<ApplyResult> third = batches.apply(answers("4601", 2024)).subscribeAsCompletionStage();
        assertEquals(1, engine.releases.size(), "one job at a time");

        engine.finishJob(0);
        assertEquals(List.of(List.of(answers("0301", 2024), answers("1103", 2024), answers("4601", 2024))), engine.jobs,
                "the job takes everything that waits when it starts");
        assertTrue(first.isDone() && second.isDone() && third.isDone());
        assertEquals(1, engine.releases.size(), "nothing left to do");
    }

    @Test
    void aJobTakesSubmissionsOfAtMostTheYearsTheEngineHoldsAndTheNextTakesTheRest() {
        HeldEngine engine = new HeldEngine(2);
        SubmissionBatches batches = new SubmissionBatches(engine, new EngineMetrics(new SimpleMeterRegistry()));
        List<CompletableFuture<ApplyResult>> results = new ArrayList<>();
        for (int year : new int[] { 2020, 2021, 2022, 2020, 2023, 2021 }) {
            results.add(batches.apply(answers("0301", year)).subscribeAsCompletionStage());
        }

        engine.finishJob(0);
        assertEquals(List.of(answers("0301", 2020), answers("0301", 2021), answers("0301", 2020), answers("0301", 2021)), engine.jobs.get(0),
                "the first two years, in the order they arrived");
        assertEquals(2, engine.releases.size(), "the rest did not wait for a new arrival");

        engine.finishJob(1);
        assertEquals(List.of(answers("0301", 2022), answers("0301", 2023)), engine.jobs.get(1));
        assertTrue(results.stream().allMatch(CompletableFuture::isDone), "every submission answered");
        assertEquals(2, engine.releases.size());
    }
}
