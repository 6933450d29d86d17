package no.rusmonitor.report.render;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.smallrye.mutiny.Uni;

/**
 * The threads reports are built on, as many as the machine has cores unless
 * {@code rusmonitor.report.render-threads} says otherwise; further requests wait their turn. Rendering is
 * CPU-bound, so more at once would only make each take longer, and a national report needs 20-30 MB while
 * it is built: this bound is what lets report-service run in a small heap (bin/lib.sh) however many
 * analysts ask at once.
 * <p>
 * A report's reads run on its render thread too ({@link #read}), not before it gets one: a request waiting
 * its turn then holds nothing. Read first, six analysts at once held six national reports' 7,600 rows
 * each, and needed a heap half as large again (docs/benchmarks.md).
 */
@ApplicationScoped
public class RenderPool {

    /** How long a render thread waits for the database before the request fails as unavailable (503). */
    static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    private final ExecutorService threads;

    public RenderPool(@ConfigProperty(name = "rusmonitor.report.render-threads", defaultValue = "0") int configured) {
        int size = configured > 0 ? configured : Runtime.getRuntime().availableProcessors();
        AtomicInteger n = new AtomicInteger();
        this.threads = Executors.newFixedThreadPool(size, task -> {
            Thread thread = new Thread(task, "report-render-" + n.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Builds a report on a render thread once one is free: everything {@code work} reads, and what it renders. */
    public <T> Uni<T> build(Supplier<T> work) {
        return Uni.createFrom().item(work).runSubscriptionOn(threads);
    }

    /** Within {@link #build}: waits on the render thread for what {@code query} reads. */
    public static <T> T read(Uni<T> query) {
        return query.await().atMost(READ_TIMEOUT);
    }

    @PreDestroy
    void stop() {
        threads.shutdown();
    }
}
