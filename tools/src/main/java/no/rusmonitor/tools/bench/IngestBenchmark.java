package no.rusmonitor.tools.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.HdrHistogram.Histogram;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import no.rusmonitor.tools.Problems;
import no.rusmonitor.tools.Tokens;

/**
 * Accepted submissions per second and their latency at a given concurrency. Each of {@code concurrency}
 * virtual users keeps one request in flight: it submits for a municipality and year, then corrects it
 * (with If-Match) the next time it comes round, spread over every municipality and year so that the
 * database sees realistic, distinct rows. Where earlier answers (demo data, say) make its own a large
 * change from last year, it confirms the warnings as a municipality would. One Vert.x event loop drives
 * all users, so the generator takes little of the machine it shares with the system. Prints MEASURING
 * when the measured part of a run begins and one RESULT line at its end; with {@code --serve true} it
 * runs one measurement per line it reads (bin/bench ingest keeps one generator for all its runs).
 *
 * <pre>
 * java ... IngestBenchmark --url http://127.0.0.1:8081 --key .run/keys/jwt-private.pem --concurrency 16 --warmup 10 --duration 20
 * java ... IngestBenchmark --url http://127.0.0.1:8081 --key .run/keys/jwt-private.pem --serve true   (then "16 5 20" per line)
 * </pre>
 */
public final class IngestBenchmark {

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        java.net.URI url = java.net.URI.create(options.getOrDefault("url", "http://127.0.0.1:8081"));
        Tokens tokens = new Tokens(Path.of(options.getOrDefault("key", ".run/keys/jwt-private.pem")));
        boolean serve = Boolean.parseBoolean(options.getOrDefault("serve", "false"));

        Vertx vertx = Vertx.vertx();
        // One connection per user; serving, it takes whatever concurrency each line asks for (bin/bench: up to 64).
        WebClient client = WebClient.create(vertx, new WebClientOptions().setDefaultHost(url.getHost()).setDefaultPort(url.getPort())
                .setMaxPoolSize(serve ? 256 : Integer.parseInt(options.getOrDefault("concurrency", "16"))).setKeepAlive(true).setPipelining(false));
        try {
            List<Slot> slots = prepare(client, tokens);
            if (!serve) {
                measure(client, slots, Integer.parseInt(options.getOrDefault("concurrency", "16")),
                        Long.parseLong(options.getOrDefault("warmup", "10")), Long.parseLong(options.getOrDefault("duration", "20")));
                return;
            }
            // One generator for every run: the tokens signed and the code compiled once, as pgbench, the
            // reference, is a compiled program. Each line asks for "concurrency warm-up-seconds seconds".
            System.out.println("READY");
            BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line; (line = commands.readLine()) != null && !line.isBlank();) {
                String[] run = line.trim().split("\\s+");
                measure(client, slots, Integer.parseInt(run[0]), Long.parseLong(run[1]), Long.parseLong(run[2]));
            }
        } finally {
            client.close();
            vertx.close().toCompletionStage().toCompletableFuture().join();
        }
    }

    /**
     * One run: {@code concurrency} users, of which only the last {@code seconds} count. Prints MEASURING
     * when the counted part begins (so that a caller can read the processes' CPU time from there) and
     * one RESULT line at its end.
     */
    private static void measure(WebClient client, List<Slot> slots, int concurrency, long warmupSeconds, long seconds)
            throws InterruptedException {
        Run run = new Run(client, slots, concurrency);
        run.start();
        Thread.sleep(warmupSeconds * 1000);
        System.out.println("MEASURING");
        run.measure(true);
        long started = System.nanoTime();
        Thread.sleep(seconds * 1000);
        run.measure(false);
        double took = (System.nanoTime() - started) / 1e9;
        run.stop();
        Histogram h = run.histogram();
        System.out.printf(java.util.Locale.ROOT,
                "RESULT concurrency=%d accepted=%d rate=%.1f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f errors=%d %s%n",
                concurrency, run.accepted.get(), run.accepted.get() / took, h.getValueAtPercentile(50) / 1000.0,
                h.getValueAtPercentile(90) / 1000.0, h.getValueAtPercentile(99) / 1000.0, h.getMaxValue() / 1000.0,
                run.failed.get(), run.failures.isEmpty() ? "" : run.failures.toString());
        System.out.flush();
    }

    /** Opens the 2016-2024 surveys and lists every municipality of every year, in a shuffled order. */
    private static List<Slot> prepare(WebClient client, Tokens tokens) {
        String operator = tokens.operator();
        List<Slot> slots = new ArrayList<>();
        for (int year = 2016; year <= 2024; year++) {
            JsonObject schedule = new JsonObject().put("opensAt", Instant.now().minus(Duration.ofDays(30)).toString())
                    .put("deadline", Instant.now().plus(Duration.ofDays(30)).toString());
            HttpResponse<Buffer> put = await(client.put("/api/surveys/" + year + "/schedule").putHeader("Authorization", "Bearer " + operator).sendJsonObject(schedule));
            if (put.statusCode() != 200) {
                throw new IllegalStateException("could not open the " + year + " survey: " + put.statusCode() + " " + put.bodyAsString());
            }
            JsonArray municipalities = await(client.get("/api/municipalities?year=" + year).send()).bodyAsJsonArray();
            for (int i = 0; i < municipalities.size(); i++) {
                String code = municipalities.getJsonObject(i).getString("code");
                slots.add(new Slot(code, year, tokens.municipality(code)));
            }
        }
        Collections.shuffle(slots, new Random(42));
        // Where each submission stands after earlier runs, so that every measured request is a real submit.
        for (int from = 0; from < slots.size(); from += 64) {
            List<io.vertx.core.Future<?>> reads = new ArrayList<>();
            for (Slot slot : slots.subList(from, Math.min(slots.size(), from + 64))) {
                reads.add(client.get("/api/surveys/" + slot.year + "/submissions/" + slot.code)
                        .putHeader("Authorization", "Bearer " + slot.token).send().onSuccess(state -> slot.read(state)));
            }
            await(io.vertx.core.Future.join(reads));
        }
        return slots;
    }

    /** One municipality's submission for one year, the ETag of its newest version and its last user count. */
    private static final class Slot {
        final String code;
        final int year;
        final String token;
        String etag;
        int users = 180;
        /** Warnings (such as a large change from demo data's last year) this user has confirmed, as a JSON array. */
        String acknowledged = "[]";
        boolean busy;

        Slot(String code, int year, String token) {
            this.code = code;
            this.year = year;
            this.token = token;
        }

        void read(HttpResponse<Buffer> state) {
            if (state.statusCode() == 200) {
                etag = state.getHeader("ETag");
                JsonObject submitted = state.bodyAsJsonObject().getJsonObject("submitted");
                if (submitted != null) {
                    users = submitted.getJsonObject("answers").getInteger("users_total", 180);
                }
            }
        }

        /** Alternates the user count by a few per cent: a real correction, never a "large change" warning. */
        Buffer nextBody() {
            users = users == 180 ? 189 : 180;
            return Buffer.buffer("{\"answers\":" + answers(users) + ",\"acknowledgedWarnings\":" + acknowledged + "}");
        }

        /** Confirms from now on the warnings a refused submission named; true when it named any. */
        boolean confirm(HttpResponse<Buffer> refused) {
            List<String> pointers = Problems.warningsToConfirm(refused);
            if (!pointers.isEmpty()) {
                acknowledged = new JsonArray(pointers).encode();
            }
            return !pointers.isEmpty();
        }
    }

    /** The virtual users: each keeps one request in flight on the event loop. */
    private static final class Run {
        final WebClient client;
        final List<Slot> slots;
        final int concurrency;
        final AtomicLong accepted = new AtomicLong();
        final AtomicLong failed = new AtomicLong();
        final Map<Integer, AtomicLong> failures = new ConcurrentHashMap<>();
        final Histogram histogram = new Histogram(60_000_000L, 3);
        volatile boolean measuring;
        volatile boolean running = true;
        final AtomicLong inFlight = new AtomicLong();
        int next;

        Run(WebClient client, List<Slot> slots, int concurrency) {
            this.client = client;
            this.slots = slots;
            this.concurrency = concurrency;
        }

        void start() {
            for (int i = 0; i < concurrency; i++) {
                inFlight.incrementAndGet();
                submitNext();
            }
        }

        synchronized Slot take() {
            while (true) {
                Slot slot = slots.get(next++ % slots.size());
                if (!slot.busy) {
                    slot.busy = true;
                    return slot;
                }
            }
        }

        void submitNext() {
            if (!running) {
                inFlight.decrementAndGet();
                return;
            }
            Slot slot = take();
            submit(slot, 0);
        }

        void submit(Slot slot, int attempt) {
            HttpRequest<Buffer> request = client.post("/api/surveys/" + slot.year + "/submissions/" + slot.code + "/versions")
                    .putHeader("Authorization", "Bearer " + slot.token).putHeader("Content-Type", "application/json");
            if (slot.etag != null) {
                request.putHeader("If-Match", slot.etag);
            }
            long start = System.nanoTime();
            request.sendBuffer(slot.nextBody()).onComplete(result -> {
                long took = (System.nanoTime() - start) / 1000;
                int status = result.succeeded() ? result.result().statusCode() : -1;
                if (status == 201) {
                    slot.etag = result.result().getHeader("ETag");
                    if (measuring) {
                        accepted.incrementAndGet();
                        synchronized (histogram) {
                            histogram.recordValue(Math.min(took, histogram.getHighestTrackableValue()));
                        }
                    }
                    release(slot);
                    return;
                }
                if (measuring) {
                    failed.incrementAndGet();
                    failures.computeIfAbsent(status, s -> new AtomicLong()).incrementAndGet();
                }
                if (attempt == 0 && slot.confirm(result.result())) {
                    submit(slot, 1); // the municipality confirms a large change from last year, as a real user does
                } else if (attempt == 0 && (status == 428 || status == 412 || status == 422)) {
                    refresh(slot); // a version left by an earlier run: read where it stands, then correct it
                } else {
                    release(slot);
                }
            });
        }

        void refresh(Slot slot) {
            client.get("/api/surveys/" + slot.year + "/submissions/" + slot.code).putHeader("Authorization", "Bearer " + slot.token).send().onComplete(result -> {
                if (result.succeeded() && result.result().statusCode() == 200) {
                    slot.read(result.result());
                    submit(slot, 1);
                } else {
                    release(slot);
                }
            });
        }

        void release(Slot slot) {
            synchronized (this) {
                slot.busy = false;
            }
            submitNext();
        }

        void measure(boolean on) {
            if (on) {
                synchronized (histogram) {
                    histogram.reset();
                }
                accepted.set(0);
                failed.set(0);
                failures.clear();
            }
            measuring = on;
        }

        void stop() throws InterruptedException {
            running = false;
            long deadline = System.currentTimeMillis() + 30_000;
            while (inFlight.get() > 0 && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
        }

        Histogram histogram() {
            synchronized (histogram) {
                return histogram.copy();
            }
        }
    }

    static String answers(int users) {
        JsonObject a = new JsonObject();
        a.put("fte_adults", 12.5).put("fte_youth", 3.0).put("fte_higher_education", 9.5).put("escalated_since_2016", true)
                .put("budget_change", "unchanged").put("extra_funds_used", "some").put("housing_units_change_since_2015", "same")
                .put("user_council", true).put("user_survey_conducted", false).put("brukerplan_used", true).put("relatives_services", true)
                .put("peer_workers", 2).put("early_intervention_model", true).put("youth_contracts", 4).put("slt_coordinator", true)
                .put("users_total", users).put("users_with_individual_plan", 30).put("users_with_crisis_plan", 25).put("users_rop", 60)
                .put("low_threshold_service", true).put("fact_team", false).put("acute_beds", true).put("waiting_days_avg", 14.0)
                .put("users_meaningful_activity", 50).put("users_in_work", 20).put("users_homeless", 15).put("housing_units", 40)
                .put("housing_follow_up", true).put("work_rehab_with_nav", true).put("court_programme_participants", 1)
                .put("youth_follow_up_participants", 3).put("correctional_cooperation", false);
        return a.encode();
    }

    static <T> T await(io.vertx.core.Future<T> future) {
        return future.toCompletionStage().toCompletableFuture().join();
    }

    static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        return options;
    }
}
