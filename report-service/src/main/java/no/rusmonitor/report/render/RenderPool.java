package no.rusmonitor.report.render;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.smallrye.mutiny.Uni;
import no.rusmonitor.platform.problem.ApiException;
import no.rusmonitor.platform.problem.Problem;

/**
 * The threads reports are built on, as many as the machine has cores unless
 * {@code rusmonitor.report.render-threads} says otherwise; further requests wait their turn, up to
 * {@code rusmonitor.report.render-queue} of them (64). Rendering is CPU-bound, so more at once would only
 * make each take longer, and a national report needs 20-30 MB while it is built: this bound is what lets
 * report-service run in a small heap (bin/lib.sh) however many analysts ask at once.
 * <p>
 * A report's reads run on its render thread too ({@link #read}), not before it gets one: a request waiting
 * its turn then holds nothing. Read first, six analysts at once held six national reports' 7,600 rows
 * each, and needed a heap half as large again (docs/benchmarks.md).
 * <p>
 * Published versions' sources and diffs are public, and anyone may ask for them over and over: they have
 * threads and a queue of their own ({@link #serve}), as many, so that such requests never keep an analyst's
 * draft or publication waiting. Each queue is bounded: with it full a request is refused at once, before
 * anything of it is read or built ({@link Busy}, a {@code 503} with {@code Retry-After}), rather than hold
 * its connection for as long as the queue ahead of it.
 * <p>
 * A request whose client goes away while it waits (a timeout, a proxy giving up) leaves the queue at once, and
 * nothing of it is read or built: under the load the queue is there for, clients that gave up would otherwise
 * keep the places of those still waiting, and their reports be built for no one.
 */
@ApplicationScoped
public class RenderPool {

    /** How long a render thread waits for the database before the request fails as unavailable (503). */
    static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    /** Drafts and publications: analysts' work. */
    private final Lane rendering;
    /** Published versions' sources and diffs: anyone's, so on threads and in a queue of their own. */
    private final Lane serving;

    @Inject
    public RenderPool(@ConfigProperty(name = "rusmonitor.report.render-threads", defaultValue = "0") int configured,
            @ConfigProperty(name = "rusmonitor.report.render-queue", defaultValue = "64") int queue) {
        if (queue < 1) {
            throw new IllegalArgumentException("rusmonitor.report.render-queue is at least 1, not " + queue);
        }
        int size = configured > 0 ? configured : Runtime.getRuntime().availableProcessors();
        this.rendering = new Lane("report-render-", size, queue);
        this.serving = new Lane("report-serve-", size, queue);
    }

    /**
     * Builds a report on a render thread once one is free: everything {@code work} reads, and what it renders.
     * Fails with {@link Busy}, without running {@code work}, when as many requests already wait as the queue holds.
     */
    public <T> Uni<T> build(Supplier<T> work) {
        return rendering.run(work);
    }

    /**
     * Reads and shapes what a published version was built from, or how two differ, as {@link #build} does, but on
     * threads and in a queue of their own: the public asking for these over and over never keeps an analyst's
     * draft or publication waiting, nor gets it refused.
     */
    public <T> Uni<T> serve(Supplier<T> work) {
        return serving.run(work);
    }

    /** Within {@link #build} or {@link #serve}: waits on the thread for what {@code query} reads. */
    public static <T> T read(Uni<T> query) {
        return query.await().atMost(READ_TIMEOUT);
    }

    @PreDestroy
    void stop() {
        rendering.threads.shutdown();
        serving.threads.shutdown();
    }

    /** Fixed threads with a bounded queue; a full queue refuses at once (AbortPolicy), the task dropped unrun. */
    private static final class Lane {

        final ThreadPoolExecutor threads;
        final int queue;

        Lane(String name, int size, int queue) {
            AtomicInteger n = new AtomicInteger();
            this.queue = queue;
            this.threads = new ThreadPoolExecutor(size, size, 0L, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(queue), task -> {
                Thread thread = new Thread(task, name + n.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            });
        }

        /**
         * {@code work} on one of the threads once one is free, or {@link Busy} at once. Cancelled while it waits,
         * it leaves the queue; cancelled before a thread takes it up, it does not run.
         */
        <T> Uni<T> run(Supplier<T> work) {
            return Uni.createFrom().emitter(emitter -> {
                AtomicBoolean ended = new AtomicBoolean();
                Runnable task = () -> {
                    if (ended.get()) {
                        return;
                    }
                    T result;
                    try {
                        result = work.get();
                    } catch (Throwable failure) {
                        emitter.fail(failure);
                        return;
                    }
                    emitter.complete(result);
                };
                // Runs at once if the request was cancelled already.
                emitter.onTermination(() -> {
                    ended.set(true);
                    threads.remove(task);
                });
                try {
                    threads.execute(task);
                } catch (RejectedExecutionException e) {
                    // A service shutting down is as unavailable as a full one: come back shortly, to another replica.
                    emitter.fail(threads.isShutdown() ? new Busy("The service is stopping; nothing was done. Try again in a moment.")
                            : new Busy("Every thread for this is busy and " + queue
                                    + " requests already wait for one; nothing was done. Try again in a moment."));
                }
            });
        }
    }

    /**
     * Refused: every thread of its kind is busy and the queue is full, or the service is stopping. Nothing was
     * read or built; answered {@code 503} ({@code busy}) with Retry-After.
     */
    public static final class Busy extends ApiException {

        /** Seconds: long enough for a render thread to finish a report or two (a warm national PDF takes 0.4 s, docs/benchmarks.md). */
        static final int RETRY_AFTER = 2;

        Busy(String detail) {
            super(Problem.of(503, "busy", "Busy", detail), RETRY_AFTER);
        }
    }
}
