package no.rusmonitor.report.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class RenderPoolTest {

    @Test
    void rendersNoMoreReportsAtOnceThanItHasThreadsAndEveryOneInTheEnd() {
        RenderPool pool = new RenderPool(2);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        List<CompletableFuture<Void>> renders = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            renders.add(CompletableFuture.runAsync(() -> {
                most.accumulateAndGet(running.incrementAndGet(), Math::max);
                busy(30);
                running.decrementAndGet();
                done.incrementAndGet();
            }, pool.executor()));
        }
        CompletableFuture.allOf(renders.toArray(CompletableFuture[]::new)).join();
        pool.stop();
        assertEquals(2, most.get());
        assertEquals(8, done.get());
    }

    private static void busy(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
