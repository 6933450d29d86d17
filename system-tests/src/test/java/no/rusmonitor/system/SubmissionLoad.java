package no.rusmonitor.system;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A steady stream of submissions and corrections from several municipalities at once, remembering
 * exactly which got a 201 (as "code/version"). Requests that fail (the service is down, or answers with
 * an error) are counted and retried against the submission's current state.
 */
final class SubmissionLoad implements AutoCloseable {

    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Set<String> accepted = ConcurrentHashMap.newKeySet();
    private final AtomicInteger refused = new AtomicInteger();
    private final List<Thread> threads = new ArrayList<>();

    private SubmissionLoad() {
    }

    static SubmissionLoad start(SurveyClient survey, int year, int users) throws IOException, InterruptedException {
        SubmissionLoad load = new SubmissionLoad();
        List<String> codes = survey.municipalities(year);
        for (int u = 0; u < users; u++) {
            List<String> mine = new ArrayList<>();
            for (int i = u; i < codes.size(); i += users) {
                mine.add(codes.get(i));
            }
            Thread thread = new Thread(() -> load.run(survey, year, mine), "municipality-user-" + u);
            thread.setDaemon(true);
            load.threads.add(thread);
            thread.start();
        }
        return load;
    }

    private void run(SurveyClient survey, int year, List<String> codes) {
        java.util.Map<String, String> etags = new java.util.HashMap<>();
        java.util.Map<String, Integer> users = new java.util.HashMap<>();
        int i = 0;
        while (running.get()) {
            String code = codes.get(i++ % codes.size());
            int next = users.getOrDefault(code, 189) == 189 ? 180 : 189;
            try {
                HttpResponse<String> response = survey.submit(code, year, next, etags.get(code));
                if (response.statusCode() == 201) {
                    etags.put(code, response.headers().firstValue("ETag").orElseThrow());
                    users.put(code, next);
                    accepted.add(code + "/" + versionOf(response.body()));
                    continue;
                }
                refused.incrementAndGet();
                etags.put(code, survey.etag(code, year));
                users.remove(code);
            } catch (IOException e) {
                refused.incrementAndGet();
                etags.remove(code);
                sleep(100);
                try {
                    etags.put(code, survey.etag(code, year));
                } catch (IOException | InterruptedException again) {
                    // still down; try again next round
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static int versionOf(String body) {
        int at = body.indexOf("\"version\":");
        int end = body.indexOf(',', at);
        return Integer.parseInt(body.substring(at + 10, end).trim());
    }

    Set<String> accepted() {
        return Set.copyOf(accepted);
    }

    int refused() {
        return refused.get();
    }

    void stop() throws InterruptedException {
        running.set(false);
        for (Thread t : threads) {
            t.join(20_000);
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
