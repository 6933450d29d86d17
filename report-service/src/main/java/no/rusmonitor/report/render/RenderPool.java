package no.rusmonitor.report.render;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The threads reports are rendered on, as many as the machine has cores unless
 * {@code rusmonitor.report.render-threads} says otherwise; further requests wait their turn. Rendering is
 * CPU-bound, so more at once would only make each take longer, and every national report needs 20-30 MB
 * while it renders: this bound is what lets report-service run in a small heap (bin/lib.sh) however many
 * analysts ask at once.
 */
@ApplicationScoped
public class RenderPool {

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

    public Executor executor() {
        return threads;
    }

    @PreDestroy
    void stop() {
        threads.shutdown();
    }
}
