package no.rusmonitor.indicator.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.Uni;

class SerialQueueTest {

    private final SerialQueue queue = new SerialQueue();

    @Test
    void aRetriedJobRunsAgain() {
        AtomicInteger runs = new AtomicInteger();
        Uni<String> job = queue.run(() -> runs.incrementAndGet() < 3
                ? Uni.createFrom().failure(new IllegalStateException("database away"))
                : Uni.createFrom().item("seeded"));
        assertEquals("seeded", job.onFailure().retry().atMost(5).await().atMost(Duration.ofSeconds(5)));
        assertEquals(3, runs.get());
    }

    @Test
    void jobsRunOneAfterAnotherInTheOrderSubscribed() {
        List<Integer> order = Collections.synchronizedList(new ArrayList<>());
        CompletableFuture<Void> firstMayEnd = new CompletableFuture<>();
        Uni<Integer> first = queue.run(() -> Uni.createFrom().completionStage(firstMayEnd).invoke(() -> order.add(1)).replaceWith(1));
        Uni<Integer> second = queue.run(() -> Uni.createFrom().item(2).invoke(() -> order.add(2)));
        CompletableFuture<Integer> firstDone = first.subscribeAsCompletionStage();
        CompletableFuture<Integer> secondDone = second.subscribeAsCompletionStage();
        assertEquals(List.of(), order, "the second job waits for the first");
        firstMayEnd.complete(null);
        assertEquals(2, secondDone.join());
        assertEquals(1, firstDone.join());
        assertEquals(List.of(1, 2), order);
    }

    @Test
    void aFailedJobDoesNotHoldUpTheNext() {
        Uni<String> failing = queue.run(() -> Uni.createFrom().failure(new IllegalStateException("refused")));
        failing.subscribe().with(x -> { }, failure -> { });
        assertEquals("next", queue.run(() -> Uni.createFrom().item("next")).await().atMost(Duration.ofSeconds(5)));
    }
}
