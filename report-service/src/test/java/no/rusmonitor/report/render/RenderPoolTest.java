package no.rusmonitor.report.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.Uni;
import no.rusmonitor.platform.problem.ApiException;

class RenderPoolTest {

    @Test
    void buildsNoMoreReportsAtOnceThanItHasThreadsReadsIncludedAndEveryOneInTheEnd() {
        RenderPool pool = new RenderPool(2, 64);
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
        RenderPool pool = new RenderPool(1, 64);
        Uni<String> build = pool.build(() -> RenderPool.read(Uni.createFrom().failure(new IllegalStateException("database away"))));
        IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> build.await().atMost(Duration.ofSeconds(5)));
        pool.stop();
        assertEquals("database away", failure.getMessage());
    }

    @Test
    void refusesAtOnceWithoutDoingItWhenTheQueueIsFull() throws Exception {
        RenderPool pool = new RenderPool(1, 1);
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger done = new AtomicInteger();
        CompletableFuture<String> building = pool.build(() -> {
            started.countDown();
            await(release);
            done.incrementAndGet();
            return "first";
        }).subscribeAsCompletionStage();
        assertTrue(started.await(5, TimeUnit.SECONDS), "the first report got the thread");
        CompletableFuture<String> waiting = pool.build(() -> {
            done.incrementAndGet();
            return "second";
        }).subscribeAsCompletionStage();

        // One building, one waiting: the third is refused as the request's answer, not thrown at the caller.
        Uni<String> third = pool.build(() -> {
            done.incrementAndGet();
            return "third";
        });
        ApiException refused = assertThrows(ApiException.class, () -> third.await().atMost(Duration.ofSeconds(5)));
        assertInstanceOf(RenderPool.Busy.class, refused);
        assertEquals(503, refused.problem().status());
        assertEquals("busy", refused.problem().slug());
        assertEquals(2, refused.retryAfterSeconds(), "answered with Retry-After: 2");
        assertEquals(0, done.get(), "nothing of it ran, nor of the others yet");

        release.countDown();
        assertEquals("first", building.orTimeout(5, TimeUnit.SECONDS).join());
        assertEquals("second", waiting.orTimeout(5, TimeUnit.SECONDS).join());
        assertEquals(2, done.get(), "the refused report was never built");
        // With the queue free again, a report is taken as before.
        assertEquals("fourth", pool.build(() -> "fourth").await().atMost(Duration.ofSeconds(5)));
        pool.stop();
    }

    @Test
    void publicReadsNeverKeepADraftWaitingNorTheOtherWayRound() throws Exception {
        RenderPool pool = new RenderPool(1, 1);
        CountDownLatch release = new CountDownLatch(1);
        // The public's reads take their thread and fill their queue.
        CompletableFuture<String> reading = pool.serve(() -> {
            await(release);
            return "sources";
        }).subscribeAsCompletionStage();
        CompletableFuture<String> queued = pool.serve(() -> "diff").subscribeAsCompletionStage();
        assertInstanceOf(RenderPool.Busy.class, assertThrows(ApiException.class,
                () -> pool.serve(() -> "more").await().atMost(Duration.ofSeconds(5))), "the public's queue is full");

        assertEquals("draft", pool.build(() -> "draft").await().atMost(Duration.ofSeconds(5)), "an analyst's draft is built at once");

        release.countDown();
        assertEquals("sources", reading.orTimeout(5, TimeUnit.SECONDS).join());
        assertEquals("diff", queued.orTimeout(5, TimeUnit.SECONDS).join());
        pool.stop();
    }

    @Test
    void aRequestWhoseClientWentWhileItWaitedLeavesTheQueueAndIsNeverBuilt() throws Exception {
        RenderPool pool = new RenderPool(1, 1);
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<String> building = pool.build(() -> {
            started.countDown();
            await(release);
            return "first";
        }).subscribeAsCompletionStage();
        assertTrue(started.await(5, TimeUnit.SECONDS), "the first report got the thread");
        AtomicInteger builtForNoOne = new AtomicInteger();
        // The queue's one place taken, then given up: the client's connection closed, and the request was cancelled.
        CompletableFuture<String> gone = pool.build(() -> {
            builtForNoOne.incrementAndGet();
            return "second";
        }).subscribeAsCompletionStage();
        gone.cancel(false);

        CompletableFuture<String> next = pool.build(() -> "third").subscribeAsCompletionStage();
        assertFalse(next.isCompletedExceptionally(), "the place the gone request held is free again");
        release.countDown();
        assertEquals("first", building.orTimeout(5, TimeUnit.SECONDS).join());
        assertEquals("third", next.orTimeout(5, TimeUnit.SECONDS).join());
        assertEquals("fourth", pool.build(() -> "fourth").await().atMost(Duration.ofSeconds(5)), "the thread took up the next one");
        assertEquals(0, builtForNoOne.get(), "nothing was built for the client that went");
        pool.stop();
    }

    @Test
    void aStoppingServiceRefusesAsBusyNotAsAFault() {
        RenderPool pool = new RenderPool(1, 1);
        pool.stop();
        ApiException refused = assertThrows(ApiException.class, () -> pool.serve(() -> "sources").await().atMost(Duration.ofSeconds(5)));
        assertEquals(503, refused.problem().status());
        assertEquals(2, refused.retryAfterSeconds());
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void busy(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
