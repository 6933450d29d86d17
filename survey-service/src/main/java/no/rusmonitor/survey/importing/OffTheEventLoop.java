package no.rusmonitor.survey.importing;

import java.util.function.Supplier;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Runs an import's heavy steps on a worker thread. An upload of up to 10,000 rows takes a noticeable time to
 * read, validate and report on, and on the event loop every submission sharing it would wait for that.
 */
final class OffTheEventLoop {

    private OffTheEventLoop() {
    }

    /** Runs {@code work} on a worker thread and goes on on the request's own Vert.x context, where the database session lives. */
    static <T> Uni<T> run(Supplier<T> work) {
        Context context = Vertx.currentContext();
        Uni<T> onWorker = Uni.createFrom().item(work).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
        return context == null ? onWorker : onWorker.emitOn(command -> context.runOnContext(ignored -> command.run()));
    }
}
