package no.rusmonitor.report.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.Uni;

class RenderPoolTest {

    @Test
    void buildsNoMoreReportsAtOnceThanItHasThreadsReadsIncludedAndEveryOneInTheEnd() {
        RenderPool pool = new RenderPool(2);
        AtomicInteger building = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        List<CompletableFuture<String>> builds = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            int n = i;
            // Subscribed at once, as requests arrive together.
            builds.add(pool.build(() -> {
                // Counted from before the read: a report waiting for a thread must not have read anything yet.
                most.accumulateAndGet(building.incrementAndGet(), Math::max);
                String rows = RenderPool.read(Uni.createFrom().item("rows of " + n).onItem().delayIt().by(Duration.ofMillis(20)));
                busy(20);
                building.decrementAndGet();
                return "report from " + rows;
            }).subscribeAsCompletionStage());
        }
        List<String> reports = new ArrayList<>();
        for (CompletableFuture<String> build : builds) {
            reports.add(build.orTimeout(10, TimeUnit.SECONDS).join());
        }
        pool.stop();
        assertEquals(2, most.get());
        // Every report was built, each from its own rows.
        assertEquals(IntStream.range(0, 8).mapToObj(n -> "report from rows of " + n).toList(), reports);
    }

    @Test
    void aReadThatFailsFailsItsReport() {
        RenderPool pool = new RenderPool(1);
        Uni<String> build = pool.build(() -> RenderPool.read(Uni.createFrom().failure(new IllegalStateException("database away"))));
        IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> build.await().atMost(Duration.ofSeconds(5)));
        pool.stop();
        assertEquals("database away", failure.getMessage());
    }

    private static void busy(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
