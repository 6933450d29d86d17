package no.rusmonitor.system;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A paced, steady stream of submissions and corrections from many municipalities at once, keeping every
 * request and what came of it. What came of a request decides what a test may expect of it:
 * <ul>
 * <li>{@link Outcome#ACCEPTED}: a 2xx; the version it names must be stored, published and counted;</li>
 * <li>{@link Outcome#REFUSED}: an error status; nothing may be stored for it;</li>
 * <li>{@link Outcome#UNREACHABLE}: no connection was made, so the service never saw it;</li>
 * <li>{@link Outcome#NO_ANSWER}: sent, but no answer came (timed out or the connection dropped): the
 * service may or may not have stored it, and the client cannot know which.</li>
 * </ul>
 */
final class RecordedLoad implements AutoCloseable {

    enum Outcome {
        ACCEPTED, REFUSED, UNREACHABLE, NO_ANSWER
    }

    /**
     * One request; {@code usersTotal} is what it sent, {@code version} the stored version a 2xx named (0 otherwise),
     * {@code detail} a refusal's problem detail.
     */
    record Attempt(String code, int usersTotal, Outcome outcome, int status, int version, String detail) {

        String submission() {
            return code + "/" + version;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * The last users_total sent per municipality, kept across the loads of a JVM (they never overlap), so
     * that every correction differs from the one before (an unchanged one is refused as "no changes").
     */
    private static final Map<String, Integer> LAST_USERS_TOTAL = new ConcurrentHashMap<>();

    private final AtomicBoolean running = new AtomicBoolean(true);
    private final ConcurrentLinkedQueue<Attempt> attempts = new ConcurrentLinkedQueue<>();
    private final List<Thread> threads = new ArrayList<>();

    private RecordedLoad() {
    }

    /**
     * Starts {@code users} clients that together send about {@code perSecond} submissions a second, each
     * going round its share of {@code codes}: the first submission of a municipality, then corrections
     * that move users_total back and forth so that values really change.
     */
    static RecordedLoad start(SurveyClient survey, int year, List<String> codes, int users, int perSecond) {
        RecordedLoad load = new RecordedLoad();
        long pauseMillis = 1000L * users / perSecond;
        for (int u = 0; u < users; u++) {
            List<String> mine = new ArrayList<>();
            for (int i = u; i < codes.size(); i += users) {
                mine.add(codes.get(i));
            }
            Thread thread = new Thread(() -> load.run(survey, year, mine, pauseMillis), "load-user-" + u);
            thread.setDaemon(true);
            load.threads.add(thread);
            thread.start();
        }
        return load;
    }

    private void run(SurveyClient survey, int year, List<String> codes, long pauseMillis) {
        Map<String, String> etags = new HashMap<>();
        Set<String> unsure = new HashSet<>(codes);
        int round = 0;
        while (running.get()) {
            long started = System.currentTimeMillis();
            String code = codes.get(round++ % codes.size());
            try {
                if (unsure.contains(code)) {
                    // After a refusal or a lost answer the client no longer knows the current version: ask.
                    etags.put(code, survey.etag(code, year));
                    unsure.remove(code);
                }
                attempts.add(submit(survey, year, code, etags, unsure));
            } catch (IOException e) {
                // the state could not be read: the service is away; try this municipality again next round
            } catch (InterruptedException e) {
                return;
            }
            pause(pauseMillis - (System.currentTimeMillis() - started));
        }
    }

    private Attempt submit(SurveyClient survey, int year, String code, Map<String, String> etags, Set<String> unsure)
            throws InterruptedException {
        int usersTotal = 180 + LAST_USERS_TOTAL.merge(code, 1, (last, one) -> (last + one) % 10);
        try {
            HttpResponse<String> response = survey.submit(code, year, usersTotal, etags.get(code));
            if (response.statusCode() / 100 == 2) {
                etags.put(code, response.headers().firstValue("ETag").orElseThrow());
                return new Attempt(code, usersTotal, Outcome.ACCEPTED, response.statusCode(), JSON.readTree(response.body()).get("version").asInt(),
                        null);
            }
            unsure.add(code);
            return new Attempt(code, usersTotal, Outcome.REFUSED, response.statusCode(), 0, response.body());
        } catch (ConnectException | HttpConnectTimeoutException e) {
            unsure.add(code);
            return new Attempt(code, usersTotal, Outcome.UNREACHABLE, 0, 0, null);
        } catch (IOException e) {
            unsure.add(code);
            return new Attempt(code, usersTotal, Outcome.NO_ANSWER, 0, 0, e.toString());
        }
    }

    List<Attempt> attempts() {
        return List.copyOf(attempts);
    }

    /** Waits until {@code more} further submissions have been accepted (counting from now); false if not within {@code timeout}. */
    boolean awaitAccepted(int more, java.time.Duration timeout) throws InterruptedException {
        long target = accepted() + more;
        long deadline = System.nanoTime() + timeout.toNanos();
        while (accepted() < target) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(100);
        }
        return true;
    }

    private long accepted() {
        return attempts.stream().filter(a -> a.outcome() == Outcome.ACCEPTED).count();
    }

    void stop() throws InterruptedException {
        running.set(false);
        for (Thread t : threads) {
            t.join(30_000);
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    private static void pause(long millis) {
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
