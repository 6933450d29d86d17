package no.rusmonitor.tools.demo;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import io.vertx.core.Future;
import io.vertx.core.Promise;
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
 * Loads ten years of realistic submissions through survey-service's public API, the way municipalities
 * and operators would: each municipality submits with its own token, some late (after an operator
 * reopened it), some with only a draft, some not at all, and a few correct their submission. The current
 * year (2024) is left open and partly answered; with {@code --live} the loader keeps submitting and
 * correcting one municipality every few seconds, so dashboards move.
 * <p>
 * Deterministic for a seed, and a second run changes nothing: a version is written only where the submission
 * does not hold as many yet, and every write carries an Idempotency-Key for its retries.
 *
 * <pre>
 * java ... DemoLoader --url http://127.0.0.1:8081 --key .run/keys/jwt-private.pem [--live true] [--interval 4] [--years 2018-2019]
 * </pre>
 * {@code --years} loads only those years, each as a full run loads it (only the first has no answers of the
 * year before to be checked against); the default is 2015-2024. A test loads two years instead of ten.
 */
public final class DemoLoader {

    private static final int FIRST_YEAR = 2015;
    private static final int CURRENT_YEAR = 2024;
    private static final int IN_FLIGHT = 16;
    /** Why the loader reopens a late municipality; it tells the loader's reopenings from an operator's. */
    private static final String REOPEN_REASON = "Levert etter fristen";

    private final WebClient client;
    private final Tokens tokens;
    private final AnswerModel model;
    private final long seed;

    private DemoLoader(WebClient client, Tokens tokens, long seed) {
        this.client = client;
        this.tokens = tokens;
        this.model = new AnswerModel(seed);
        this.seed = seed;
    }

    /** What a municipality does in a year. */
    enum Role {
        ON_TIME, LATE, DRAFT_ONLY, MISSING, NOT_YET
    }

    record Municipality(String code, String name, long population) {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        URI url = URI.create(options.getOrDefault("url", "http://127.0.0.1:8081"));
        Vertx vertx = Vertx.vertx();
        WebClient client = WebClient.create(vertx, new WebClientOptions().setDefaultHost(url.getHost()).setDefaultPort(url.getPort())
                .setMaxPoolSize(IN_FLIGHT));
        DemoLoader loader = new DemoLoader(client, new Tokens(Path.of(options.getOrDefault("key", ".run/keys/jwt-private.pem"))),
                Long.parseLong(options.getOrDefault("seed", "2016")));
        try {
            System.out.println("| year | expected | submitted | late | draft only | missing | corrections |");
            System.out.println("|---|---|---|---|---|---|---|");
            int[] years = years(options.getOrDefault("years", FIRST_YEAR + "-" + CURRENT_YEAR));
            for (int year = years[0]; year <= years[1]; year++) {
                System.out.println(loader.loadYear(year));
            }
            if (Boolean.parseBoolean(options.getOrDefault("live", "false"))) {
                loader.live(Duration.ofSeconds(Long.parseLong(options.getOrDefault("interval", "4"))));
            }
        } finally {
            client.close();
            vertx.close();
        }
    }

    /** The first and last year of {@code range} ("2018-2019", or one year: "2018"), within 2015-2024. */
    private static int[] years(String range) {
        String[] ends = range.split("-");
        int first = Integer.parseInt(ends[0].trim());
        int last = Integer.parseInt(ends[ends.length - 1].trim());
        if (ends.length > 2 || first < FIRST_YEAR || last > CURRENT_YEAR || first > last) {
            throw new IllegalArgumentException("--years must be a range within " + FIRST_YEAR + "-" + CURRENT_YEAR + ", not " + range);
        }
        return new int[] { first, last };
    }

    private String loadYear(int year) {
        List<Municipality> municipalities = municipalities(year);
        Set<String> questions = questions(year);
        Random r = new Random(seed * 1_000 + year);
        Map<Municipality, Role> roles = new LinkedHashMap<>();
        for (Municipality m : municipalities) {
            roles.put(m, role(r, year));
        }
        List<Municipality> correcting = new ArrayList<>();
        for (Municipality m : municipalities) {
            if ((roles.get(m) == Role.ON_TIME || roles.get(m) == Role.LATE) && r.nextDouble() < 0.04) {
                correcting.add(m);
            }
        }

        schedule(year, Instant.now().minus(Duration.ofDays(30)), Instant.now().plus(Duration.ofDays(year == CURRENT_YEAR ? 60 : 1)));
        List<Municipality> onTime = ofRole(roles, Role.ON_TIME);
        List<Municipality> late = ofRole(roles, Role.LATE);
        forEach(onTime, m -> submit(m, year, questions, 1));
        forEach(ofRole(roles, Role.DRAFT_ONLY), m -> draft(m, year, questions));
        forEach(correcting.stream().filter(onTime::contains).toList(), m -> submit(m, year, questions, 2));
        if (year < CURRENT_YEAR) {
            // The deadline passes; an operator reopens the late ones, which then submit. One that an earlier run
            // brought in already is left alone: reopening it again would only add to its record of reopenings.
            // A reopening an interrupted run left open is closed first (the loader's own only, by its reason).
            schedule(year, Instant.now().minus(Duration.ofDays(30)), Instant.now().minusSeconds(1));
            closeLeftOverReopenings(year, late);
            forEach(late, m -> submittedVersion(m, year).compose(stored -> stored >= (correcting.contains(m) ? 2 : 1)
                    ? Future.succeededFuture()
                    : reopen(m, year).compose(x -> submit(m, year, questions, 1))
                            .compose(x -> correcting.contains(m) ? submit(m, year, questions, 2) : Future.succeededFuture())
                            .compose(x -> close(m, year))));
            LocalDate opened = LocalDate.of(year + 1, 1, 5);
            schedule(year, opened.atStartOfDay(ZoneId.of("Europe/Oslo")).toInstant(),
                    LocalDate.of(year + 1, 3, 2).atStartOfDay(ZoneId.of("Europe/Oslo")).toInstant());
        }
        JsonObject completeness = read(client.get("/api/surveys/" + year + "/completeness")
                .putHeader("Authorization", "Bearer " + tokens.analyst()).send(), "the completeness of " + year).bodyAsJsonObject();
        return String.format("| %d | %d | %d | %d | %d | %d | %d |", year, completeness.getInteger("expected"),
                completeness.getInteger("submitted"), completeness.getInteger("late"), completeness.getInteger("draftOnly"),
                completeness.getInteger("missing"), correcting.size());
    }

    /**
     * Who reports, and how: about 84-90 % of municipalities submit (SINTEF's survey missed 66 of 356 in
     * 2020), one in twenty of them late; a few only start a draft. In the current year a third have not
     * answered yet.
     */
    private static Role role(Random r, int year) {
        double u = r.nextDouble();
        if (year == CURRENT_YEAR) {
            return u < 0.62 ? Role.ON_TIME : u < 0.66 ? Role.DRAFT_ONLY : Role.NOT_YET;
        }
        double missing = year == 2020 ? 0.15 : 0.10 - 0.005 * (year - FIRST_YEAR);
        return u < missing ? Role.MISSING : u < missing + 0.03 ? Role.DRAFT_ONLY : u < missing + 0.08 ? Role.LATE : Role.ON_TIME;
    }

    /** Keeps the current year moving: every few seconds one municipality submits, or corrects, its answers. */
    private void live(Duration interval) throws InterruptedException {
        List<Municipality> municipalities = municipalities(CURRENT_YEAR);
        Set<String> questions = questions(CURRENT_YEAR);
        Random r = new Random(System.nanoTime());
        System.out.println("Live: one submission or correction every " + interval.toSeconds() + " s (Ctrl-C to stop)");
        AtomicInteger revision = new AtomicInteger(100);
        while (true) {
            Municipality m = municipalities.get(r.nextInt(municipalities.size()));
            int rev = revision.incrementAndGet();
            HttpResponse<Buffer> response;
            try {
                response = await(submitRevision(m, CURRENT_YEAR, questions, rev));
            } catch (RuntimeException e) {
                // survey-service restarting, say: the next one is tried at the next interval, as a person would.
                System.out.printf("%s %s %s: no answer (%s)%n", Instant.now(), m.code(), m.name(), e.getMessage());
                Thread.sleep(interval.toMillis());
                continue;
            }
            boolean accepted = response.statusCode() == 201;
            int version = accepted ? response.bodyAsJsonObject().getInteger("version") : 0;
            System.out.printf("%s %s %s %s (%s): HTTP %d%n", Instant.now(), version > 1 ? "correction" : "submission", m.code(), m.name(),
                    accepted ? "version " + version : "refused", response.statusCode());
            Thread.sleep(interval.toMillis());
        }
    }

    private Future<HttpResponse<Buffer>> submitRevision(Municipality m, int year, Set<String> questions, int revision) {
        return state(m, year).compose(current -> confirmingWarnings(m, year, answers(m, year, questions, revision), current.getHeader("ETag"), null));
    }

    /**
     * Writes the loader's version {@code revision} of the municipality's answers, unless the submission holds that
     * many versions already: an earlier run made them, or the municipality went on by hand (a correction of its
     * own is never overwritten). So a run changes nothing where an earlier one has been, also once survey-service
     * has forgotten the run's Idempotency-Keys (it keeps them 30 days); the keys cover a retry within a run.
     */
    private Future<?> submit(Municipality m, int year, Set<String> questions, int revision) {
        String key = "demo-" + seed + "-" + year + "-" + m.code() + "-" + revision;
        JsonObject answers = answers(m, year, questions, revision);
        return state(m, year).compose(current -> {
            if (current.bodyAsJsonObject().getInteger("currentVersion", 0) >= revision) {
                return Future.succeededFuture();
            }
            String etag = revision == 1 ? null : current.getHeader("ETag");
            return confirmingWarnings(m, year, answers, etag, key).compose(response -> {
                // 428 (a first version) or 412 (a correction), or a reused key: another write came between the
                // read above and this one (another run of the loader, its --live mode, or the municipality);
                // the submission is left as it stands.
                if (response.statusCode() == 201 || response.statusCode() == 428 || response.statusCode() == 412
                        || "idempotency-key-reused".equals(Problems.slug(response))) {
                    return Future.succeededFuture();
                }
                return Future.failedFuture("submission of " + m.code() + " for " + year + " refused: " + response.statusCode() + " "
                        + response.bodyAsString());
            });
        });
    }

    /** Submits; refused for warnings (a large change from last year, say), checks them and confirms them, as the staff would. */
    private Future<HttpResponse<Buffer>> confirmingWarnings(Municipality m, int year, JsonObject answers, String ifMatch, String key) {
        return post(m, year, answers, ifMatch, key, List.of()).compose(response -> {
            List<String> pointers = Problems.warningsToConfirm(response);
            return pointers.isEmpty() ? Future.succeededFuture(response)
                    : post(m, year, answers, ifMatch, key == null ? null : key + "-confirmed", pointers);
        });
    }

    private Future<HttpResponse<Buffer>> post(Municipality m, int year, JsonObject answers, String ifMatch, String key,
            List<String> acknowledged) {
        HttpRequest<Buffer> request = client.post("/api/surveys/" + year + "/submissions/" + m.code() + "/versions")
                .putHeader("Authorization", "Bearer " + tokens.municipality(m.code()));
        if (ifMatch != null) {
            request.putHeader("If-Match", ifMatch);
        }
        if (key != null) {
            request.putHeader("Idempotency-Key", key);
        }
        return request.sendJsonObject(new JsonObject().put("answers", answers).put("acknowledgedWarnings", new JsonArray(acknowledged)));
    }

    /**
     * Saves a partial draft for a municipality that has not started: one that has a draft already (this loader's,
     * or one edited since) or has submitted since is left as it stands.
     */
    private Future<?> draft(Municipality m, int year, Set<String> questions) {
        JsonObject all = answers(m, year, questions, 1);
        JsonObject partial = new JsonObject();
        all.fieldNames().stream().limit(8).forEach(q -> partial.put(q, all.getValue(q)));
        return state(m, year).compose(current -> !"not_started".equals(current.bodyAsJsonObject().getString("status")) ? Future.succeededFuture()
                : client.put("/api/surveys/" + year + "/submissions/" + m.code() + "/draft")
                        .putHeader("Authorization", "Bearer " + tokens.municipality(m.code()))
                        .sendJsonObject(new JsonObject().put("answers", partial)).compose(r -> expect(r, 200, 423)));
    }

    /**
     * The municipality's submission of the year as it stands, read with its own token: 200 also before it has
     * started ({@code status} not_started, {@code currentVersion} 0), with the ETag a correction sends.
     */
    private Future<HttpResponse<Buffer>> state(Municipality m, int year) {
        return client.get("/api/surveys/" + year + "/submissions/" + m.code())
                .putHeader("Authorization", "Bearer " + tokens.municipality(m.code())).send()
                .compose(state -> ok(state, "the submission of " + m.code() + " for " + year));
    }

    /** The municipality's newest submitted version of the year, 0 if none. */
    private Future<Integer> submittedVersion(Municipality m, int year) {
        return state(m, year).map(r -> r.bodyAsJsonObject().getInteger("currentVersion", 0));
    }

    private Future<?> reopen(Municipality m, int year) {
        return client.post("/api/surveys/" + year + "/reopenings").putHeader("Authorization", "Bearer " + tokens.operator())
                .sendJsonObject(new JsonObject().put("municipalityCode", m.code()).put("reason", REOPEN_REASON))
                .compose(r -> expect(r, 201));
    }

    /** Closes the reopenings of {@code late} municipalities that a run of the loader opened and did not close. */
    private void closeLeftOverReopenings(int year, List<Municipality> late) {
        JsonArray open = read(client.get("/api/surveys/" + year + "/reopenings").putHeader("Authorization", "Bearer " + tokens.operator()).send(),
                "the reopenings of " + year).bodyAsJsonArray();
        Set<String> leftOver = new HashSet<>();
        open.forEach(r -> {
            JsonObject reopening = (JsonObject) r;
            if (REOPEN_REASON.equals(reopening.getString("reason"))) {
                leftOver.add(reopening.getString("municipalityCode"));
            }
        });
        forEach(late.stream().filter(m -> leftOver.contains(m.code())).toList(), m -> close(m, year));
    }

    private Future<?> close(Municipality m, int year) {
        return client.delete("/api/surveys/" + year + "/reopenings/" + m.code()).putHeader("Authorization", "Bearer " + tokens.operator())
                .send().compose(r -> expect(r, 200, 404));
    }

    private void schedule(int year, Instant opens, Instant deadline) {
        await(client.put("/api/surveys/" + year + "/schedule").putHeader("Authorization", "Bearer " + tokens.operator())
                .sendJsonObject(new JsonObject().put("opensAt", opens.toString()).put("deadline", deadline.toString()))
                .compose(r -> expect(r, 200)));
    }

    private JsonObject answers(Municipality m, int year, Set<String> questions, int revision) {
        JsonObject all = model.answers(m.code(), year, m.population(), revision);
        JsonObject answers = new JsonObject();
        all.forEach(e -> {
            if (questions.contains(e.getKey())) {
                answers.put(e.getKey(), e.getValue());
            }
        });
        return answers;
    }

    private List<Municipality> municipalities(int year) {
        JsonArray list = read(client.get("/api/municipalities?year=" + year).send(), "the municipalities of " + year).bodyAsJsonArray();
        List<Municipality> result = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonObject m = list.getJsonObject(i);
            // Two municipalities lack a population figure in the source for 2015-2016; use a small one.
            result.add(new Municipality(m.getString("code"), m.getString("name"), m.getLong("population", 20_000L)));
        }
        return result;
    }

    private Set<String> questions(int year) {
        JsonArray list = read(client.get("/api/surveys/" + year).send(), "the survey of " + year).bodyAsJsonObject()
                .getJsonObject("definition").getJsonArray("questions");
        Set<String> ids = new HashSet<>();
        list.forEach(q -> ids.add(((JsonObject) q).getString("id")));
        return ids;
    }

    private static List<Municipality> ofRole(Map<Municipality, Role> roles, Role role) {
        return roles.entrySet().stream().filter(e -> e.getValue() == role).map(Map.Entry::getKey).toList();
    }

    /** Runs {@code work} for every item, {@value #IN_FLIGHT} at a time, and waits for all. */
    private static <T> void forEach(List<T> items, Function<T, Future<?>> work) {
        Promise<Void> done = Promise.promise();
        AtomicInteger next = new AtomicInteger();
        AtomicInteger finished = new AtomicInteger();
        if (items.isEmpty()) {
            return;
        }
        Runnable[] pump = new Runnable[1];
        pump[0] = () -> {
            int i = next.getAndIncrement();
            if (i >= items.size()) {
                return;
            }
            work.apply(items.get(i)).onComplete(result -> {
                if (result.failed()) {
                    done.tryFail(result.cause());
                }
                if (finished.incrementAndGet() == items.size()) {
                    done.tryComplete();
                } else {
                    pump[0].run();
                }
            });
        };
        for (int i = 0; i < Math.min(IN_FLIGHT, items.size()); i++) {
            pump[0].run();
        }
        await(done.future());
    }

    private static Future<Void> expect(HttpResponse<Buffer> response, int... statuses) {
        for (int status : statuses) {
            if (response.statusCode() == status) {
                return Future.succeededFuture();
            }
        }
        return Future.failedFuture("unexpected HTTP " + response.statusCode() + ": " + response.bodyAsString());
    }

    /** The answer to a read, which must be 200: anything else ends the load saying what could not be read. */
    private static HttpResponse<Buffer> read(Future<HttpResponse<Buffer>> response, String what) {
        return await(response.compose(r -> ok(r, what)));
    }

    private static Future<HttpResponse<Buffer>> ok(HttpResponse<Buffer> response, String what) {
        return response.statusCode() == 200 ? Future.succeededFuture(response)
                : Future.failedFuture("could not read " + what + ": HTTP " + response.statusCode() + " " + response.bodyAsString());
    }

    private static <T> T await(Future<T> future) {
        return future.toCompletionStage().toCompletableFuture().join();
    }
}
