package no.rusmonitor.indicator.engine;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import io.smallrye.mutiny.Uni;

/**
 * Runs asynchronous jobs one after another, in the order they were subscribed to. A job is queued when its
 * {@link Uni} is subscribed, and again at each new subscription: a caller that retries a failed job runs it
 * again instead of reading the same failure (the start's definition seed retried that way, and stayed failed).
 */
final class SerialQueue {

    private CompletableFuture<Void> tail = CompletableFuture.completedFuture(null);

    <T> Uni<T> run(Supplier<Uni<T>> job) {
        return Uni.createFrom().deferred(() -> Uni.createFrom().completionStage(enqueue(job)));
    }

    private synchronized <T> CompletableFuture<T> enqueue(Supplier<Uni<T>> job) {
        CompletableFuture<T> result = new CompletableFuture<>();
        CompletableFuture<Void> previous = tail;
        tail = result.handle((x, e) -> null);
        previous.whenComplete((x, e) -> {
            try {
                job.get().subscribe().with(result::complete, result::completeExceptionally);
            } catch (RuntimeException failure) {
                result.completeExceptionally(failure);
            }
        });
        return result;
    }
}
