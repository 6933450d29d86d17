package no.rusmonitor.indicator.engine;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import io.smallrye.mutiny.Uni;

/** Runs asynchronous jobs one after another, in the order they were handed in. */
final class SerialQueue {

    private CompletableFuture<Void> tail = CompletableFuture.completedFuture(null);

    synchronized <T> Uni<T> run(Supplier<Uni<T>> job) {
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
        return Uni.createFrom().completionStage(result);
    }
}
