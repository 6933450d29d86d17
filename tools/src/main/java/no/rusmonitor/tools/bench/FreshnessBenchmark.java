package no.rusmonitor.tools.bench;

import static no.rusmonitor.tools.bench.IngestBenchmark.await;
import static no.rusmonitor.tools.bench.IngestBenchmark.options;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.HdrHistogram.Histogram;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.parsetools.RecordParser;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import no.rusmonitor.tools.Problems;
import no.rusmonitor.tools.Tokens;
import no.rusmonitor.tools.demo.AnswerModel;

/**
 * Freshness: how long after survey-service accepts a submission the changed indicator value reaches a
 * dashboard. Follows indicator-service's live stream (one indicator, municipality level, one year) as an
 * analyst, posts corrections at a steady rate (open loop: one every 1/rate seconds whether or not earlier
 * ones are done), and matches each accepted version (municipality, version) with the first
 * {@code indicator-changed} event that names that submission version for that municipality.
 * <p>
 * Each municipality's answers come from the demo data's {@link AnswerModel}; every correction moves its
 * user count by one, so the indicator (users with an individual plan per user) changes every time.
 * Prints one RESULT line; latencies are from the 201 answer to the event, and from sending the request.
 * The first is also split where indicator-service's job began (the event's {@code computedAt}, on the
 * same machine's clock): {@code until_job_*} before it, {@code from_job_*} after.
 *
 * <pre>
 * java ... FreshnessBenchmark --survey http://127.0.0.1:8081 --indicator http://127.0.0.1:8082 --key .run/keys/jwt-private.pem \
 *     --rate 100 --warmup 20 --duration 30
 * </pre>
 */
public final class FreshnessBenchmark {

    static final String INDICATOR = "goal3.individual_plan_share";
    static final int YEAR = 2024;

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        URI survey = URI.create(options.getOrDefault("survey", "http://127.0.0.1:8081"));
        URI indicator = URI.create(options.getOrDefault("indicator", "http://127.0.0.1:8082"));
        double rate = Double.parseDouble(options.getOrDefault("rate", "100"));
        Duration warmup = Duration.ofSeconds(Long.parseLong(options.getOrDefault("warmup", "20")));
        Duration duration = Duration.ofSeconds(Long.parseLong(options.getOrDefault("duration", "30")));
        Tokens tokens = new Tokens(Path.of(options.getOrDefault("key", ".run/keys/jwt-private.pem")));

        Vertx vertx = Vertx.vertx();
        WebClient client = WebClient.create(vertx, new WebClientOptions().setDefaultHost(survey.getHost()).setDefaultPort(survey.getPort())
                .setMaxPoolSize(64).setKeepAlive(true));
        HttpClient streamClient = vertx.createHttpClient(new HttpClientOptions().setIdleTimeout(0));
        try {
            List<Slot> slots = prepare(client, tokens);
            Run run = new Run(client, slots);
            follow(streamClient, indicator, tokens.analyst(), run);
            run.startSending(vertx, rate);
            Thread.sleep(warmup.toMillis());
            run.measuring = true;
            long started = System.nanoTime();
            Thread.sleep(duration.toMillis());
            run.measuring = false;
            double seconds = (System.nanoTime() - started) / 1e9;
            run.stopSending(vertx);
            // Give the last submissions time to come through before counting what never did.
            long deadline = System.currentTimeMillis() + 30_000;
            while (run.unseen() > 0 && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
            }
            Histogram fromAccepted = run.fromAccepted.copy();
            Histogram fromSent = run.fromSent.copy();
            System.out.printf(Locale.ROOT, "RESULT rate=%.1f accepted=%d seen=%d unseen=%d p50_ms=%.1f p95_ms=%.1f p99_ms=%.1f max_ms=%.1f "
                    + "sent_p50_ms=%.1f sent_p99_ms=%.1f submit_p50_ms=%.1f submit_p99_ms=%.1f until_job_p50_ms=%.1f until_job_p99_ms=%.1f "
                    + "from_job_p50_ms=%.1f from_job_p99_ms=%.1f events=%d errors=%d %s%n",
                    run.measuredAccepted.get() / seconds, run.measuredAccepted.get(), fromAccepted.getTotalCount(), run.unseen(),
                    ms(fromAccepted, 50), ms(fromAccepted, 95), ms(fromAccepted, 99), fromAccepted.getMaxValue() / 1000.0,
                    ms(fromSent, 50), ms(fromSent, 99), ms(run.submit, 50), ms(run.submit, 99), ms(run.untilJob, 50), ms(run.untilJob, 99),
                    ms(run.fromJob, 50), ms(run.fromJob, 99), run.events.get(), run.failed.get(),
                    run.failures.isEmpty() ? "" : run.failures.toString());
        } finally {
            client.close();
            streamClient.close();
            vertx.close().toCompletionStage().toCompletableFuture().join();
        }
    }

    /** A 201 answer: when it came ({@code System.nanoTime()} and wall-clock µs) and when its request was sent (nanoTime). */
    record Accepted(long at, long atMicros, long sentAt) {
    }

    /** A version's first event: when it came (nanoTime and wall-clock µs) and when its job began (the value's computedAt, µs). */
    record Seen(long at, long atMicros, long jobBeganMicros) {
    }

    /** Now on the wall clock, which the services' timestamps share (one machine), in microseconds. */
    static long wallMicros() {
        return micros(Instant.now());
    }

    private static long micros(Instant at) {
        return at.getEpochSecond() * 1_000_000 + at.getNano() / 1000;
    }

    private static double ms(Histogram h, double percentile) {
        synchronized (h) {
            return h.getValueAtPercentile(percentile) / 1000.0;
        }
    }

    /** Opens the year's survey and gives every municipality its modelled answers and where its submission stands. */
    private static List<Slot> prepare(WebClient client, Tokens tokens) {
        JsonObject schedule = new JsonObject().put("opensAt", Instant.now().minus(Duration.ofDays(30)).toString())
                .put("deadline", Instant.now().plus(Duration.ofDays(30)).toString());
        HttpResponse<Buffer> put = await(client.put("/api/surveys/" + YEAR + "/schedule").putHeader("Authorization", "Bearer " + tokens.operator())
                .sendJsonObject(schedule));
        if (put.statusCode() != 200) {
            throw new IllegalStateException("could not open the " + YEAR + " survey: " + put.statusCode() + " " + put.bodyAsString());
        }
        Set<String> questions = new HashSet<>();
        await(client.get("/api/surveys/" + YEAR).send()).bodyAsJsonObject().getJsonObject("definition").getJsonArray("questions")
                .forEach(q -> questions.add(((JsonObject) q).getString("id")));
        AnswerModel model = new AnswerModel(2016);
        JsonArray municipalities = await(client.get("/api/municipalities?year=" + YEAR).send()).bodyAsJsonArray();
        List<Slot> slots = new ArrayList<>();
        for (int i = 0; i < municipalities.size(); i++) {
            JsonObject m = municipalities.getJsonObject(i);
            String code = m.getString("code");
            JsonObject answers = new JsonObject();
            model.answers(code, YEAR, m.getLong("population", 20_000L), 1).forEach(e -> {
                if (questions.contains(e.getKey())) {
                    answers.put(e.getKey(), e.getValue());
                }
            });
            slots.add(new Slot(code, tokens.municipality(code), answers));
        }
        Collections.shuffle(slots, new Random(42));
        for (Slot slot : slots) {
            HttpResponse<Buffer> state = await(client.get("/api/surveys/" + YEAR + "/submissions/" + slot.code)
                    .putHeader("Authorization", "Bearer " + slot.token).send());
            if (state.statusCode() == 200) {
                slot.read(state);
            }
        }
        return slots;
    }

    /** Follows the live stream and hands every event for the measured indicator to the run. */
    private static void follow(HttpClient streamClient, URI indicator, String analystToken, Run run) {
        RequestOptions request = new RequestOptions().setMethod(HttpMethod.GET).setHost(indicator.getHost()).setPort(indicator.getPort())
                .setURI("/api/stream?indicator=" + INDICATOR + "&level=municipality&year=" + YEAR)
                .putHeader("Authorization", "Bearer " + analystToken).putHeader("Accept", "text/event-stream");
        await(streamClient.request(request).compose(r -> r.send()).map(response -> {
            if (response.statusCode() != 200) {
                throw new IllegalStateException("the stream answered " + response.statusCode());
            }
            String[] event = new String[1];
            response.handler(RecordParser.newDelimited("\n", line -> {
                String text = line.toString();
                if (text.startsWith("event:")) {
                    event[0] = text.substring(6).trim();
                } else if (text.startsWith("data:") && "indicator-changed".equals(event[0])) {
                    JsonObject data = new JsonObject(text.substring(5).trim());
                    Integer version = data.getInteger("submissionVersion");
                    run.events.incrementAndGet();
                    if (version != null) {
                        run.seen(data.getString("areaCode"), version,
                                new Seen(System.nanoTime(), wallMicros(), micros(data.getInstant("computedAt"))));
                    }
                } else if (text.isEmpty()) {
                    event[0] = null;
                }
            }));
            return response;
        }));
    }

    /** One municipality's submission: its base answers, the ETag of its newest version, and warnings it confirms. */
    private static final class Slot {
        final String code;
        final String token;
        final JsonObject answers;
        final int baseUsers;
        String etag;
        /** The user count of the newest stored version: the next correction must differ from it. */
        Integer storedUsers;
        JsonArray acknowledged = new JsonArray();
        boolean busy;

        Slot(String code, String token, JsonObject answers) {
            this.code = code;
            this.token = token;
            this.answers = answers;
            this.baseUsers = answers.getInteger("users_total");
        }

        void read(HttpResponse<Buffer> state) {
            etag = state.getHeader("ETag");
            JsonObject submitted = state.bodyAsJsonObject().getJsonObject("submitted");
            storedUsers = submitted == null ? null : submitted.getJsonObject("answers").getInteger("users_total");
        }

        /** Moves the user count between its modelled value and one more (survey-service refuses a version that changes nothing). */
        Buffer nextBody() {
            int users = Integer.valueOf(baseUsers + 1).equals(storedUsers) ? baseUsers : baseUsers + 1;
            answers.put("users_total", users);
            return new JsonObject().put("answers", answers).put("acknowledgedWarnings", acknowledged).toBuffer();
        }
    }

    /** Sends at a steady rate and matches accepted versions with stream events. */
    private static final class Run {
        final WebClient client;
        final List<Slot> slots;
        /** (code/version) to when the 201 came (monotonic, wall clock) and when the request was sent, until its event is seen. */
        final Map<String, Accepted> accepted = new ConcurrentHashMap<>();
        /** (code/version) to its first event, for events that beat the 201 answer (and warm-up ones). */
        final Map<String, Seen> early = new ConcurrentHashMap<>();
        /** Measured versions whose first event has not been matched yet. */
        final Set<String> measured = ConcurrentHashMap.newKeySet();
        final Histogram fromAccepted = new Histogram(60_000_000L, 3);
        final Histogram fromSent = new Histogram(60_000_000L, 3);
        final Histogram submit = new Histogram(60_000_000L, 3);
        /** The two halves of fromAccepted, split where indicator-service's job began (the value's computedAt). */
        final Histogram untilJob = new Histogram(60_000_000L, 3);
        final Histogram fromJob = new Histogram(60_000_000L, 3);
        final AtomicLong measuredAccepted = new AtomicLong();
        final AtomicLong failed = new AtomicLong();
        final AtomicLong events = new AtomicLong();
        /** Refusals by status and problem type, so that a run says why. */
        final Map<String, AtomicLong> failures = new ConcurrentHashMap<>();
        volatile boolean measuring;
        long timer = -1;
        long sent;
        int next;

        Run(WebClient client, List<Slot> slots) {
            this.client = client;
            this.slots = slots;
        }

        void startSending(Vertx vertx, double rate) {
            long start = System.nanoTime();
            // A millisecond tick that sends however many the schedule says are due: a steady rate, not a burst per tick.
            timer = vertx.setPeriodic(1, id -> {
                long due = (long) ((System.nanoTime() - start) / 1e9 * rate);
                while (sent < due) {
                    sent++;
                    Slot slot = take();
                    if (slot != null) {
                        send(slot, measuring, 0);
                    }
                }
            });
        }

        void stopSending(Vertx vertx) {
            vertx.cancelTimer(timer);
        }

        Slot take() {
            for (int i = 0; i < slots.size(); i++) {
                Slot slot = slots.get(next++ % slots.size());
                if (!slot.busy) {
                    slot.busy = true;
                    return slot;
                }
            }
            return null;
        }

        void send(Slot slot, boolean counted, int attempt) {
            HttpRequest<Buffer> request = client.post("/api/surveys/" + YEAR + "/submissions/" + slot.code + "/versions")
                    .putHeader("Authorization", "Bearer " + slot.token).putHeader("Content-Type", "application/json");
            if (slot.etag != null) {
                request.putHeader("If-Match", slot.etag);
            }
            long sentAt = System.nanoTime();
            request.sendBuffer(slot.nextBody()).onComplete(result -> {
                long now = System.nanoTime();
                int status = result.succeeded() ? result.result().statusCode() : -1;
                if (status == 201) {
                    slot.etag = result.result().getHeader("ETag");
                    slot.storedUsers = slot.answers.getInteger("users_total");
                    int version = result.result().bodyAsJsonObject().getInteger("version");
                    if (counted) {
                        measuredAccepted.incrementAndGet();
                        record(submit, now - sentAt);
                        accepted(slot.code + "/" + version, new Accepted(now, wallMicros(), sentAt));
                    }
                    slot.busy = false;
                    return;
                }
                List<String> toConfirm = Problems.warningsToConfirm(result.result());
                if (attempt == 0 && !toConfirm.isEmpty()) {
                    // The municipality confirms the flagged answers once, as its staff would, and from then on.
                    toConfirm.forEach(slot.acknowledged::add);
                    send(slot, counted, 1);
                    return;
                }
                if (attempt == 0 && (status == 412 || status == 428)) {
                    refresh(slot, counted);
                    return;
                }
                if (counted) {
                    failed.incrementAndGet();
                    String why = status + (status >= 400 ? ":" + Problems.slug(result.result()) : "");
                    failures.computeIfAbsent(why, s -> new AtomicLong()).incrementAndGet();
                }
                slot.busy = false;
            });
        }

        /** A version left by an earlier run: read where the submission stands, then correct it. */
        void refresh(Slot slot, boolean counted) {
            client.get("/api/surveys/" + YEAR + "/submissions/" + slot.code).putHeader("Authorization", "Bearer " + slot.token).send()
                    .onComplete(result -> {
                        if (result.succeeded() && result.result().statusCode() == 200) {
                            slot.read(result.result());
                            send(slot, counted, 1);
                        } else {
                            slot.busy = false;
                        }
                    });
        }

        /** The 201 and the event come on different threads, in either order. */
        synchronized void accepted(String key, Accepted answer) {
            measured.add(key);
            Seen event = early.remove(key);
            if (event != null) {
                matched(key, answer, event);
            } else {
                accepted.put(key, answer);
            }
        }

        synchronized void seen(String code, int version, Seen event) {
            String key = code + "/" + version;
            Accepted answer = accepted.remove(key);
            if (answer != null) {
                matched(key, answer, event);
            } else {
                early.putIfAbsent(key, event);
            }
            // Versions of one municipality that waited for the engine together are applied as one, and only the newest
            // has an event: the older ones became visible with it. Without this they would count as never seen, and
            // a run that fell behind would leave out exactly its slowest samples. (Each municipality has one request
            // in flight, so the versions below, if not matched yet, are the ones just before.)
            for (int older = version - 1; older >= 1; older--) {
                String olderKey = code + "/" + older;
                Accepted superseded = accepted.remove(olderKey);
                if (superseded == null) {
                    break;
                }
                matched(olderKey, superseded, event);
            }
        }

        /** Only the first event of a version counts (the value on today's borders may follow the one as reported). */
        void matched(String key, Accepted answer, Seen event) {
            if (measured.remove(key)) {
                record(fromAccepted, Math.max(0, event.at() - answer.at()));
                record(fromSent, event.at() - answer.sentAt());
                // A job can begin before the 201 has reached this client: that half is then 0.
                record(untilJob, Math.max(0, event.jobBeganMicros() - answer.atMicros()) * 1000);
                record(fromJob, Math.max(0, event.atMicros() - event.jobBeganMicros()) * 1000);
            }
        }

        long unseen() {
            return accepted.size();
        }

        static void record(Histogram histogram, long nanos) {
            synchronized (histogram) {
                histogram.recordValue(Math.min(nanos / 1000, histogram.getHighestTrackableValue()));
            }
        }
    }
}
