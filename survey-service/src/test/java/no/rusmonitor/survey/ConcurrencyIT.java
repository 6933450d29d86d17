package no.rusmonitor.survey;

import static no.rusmonitor.survey.RealInfrastructure.DATABASE;
import static no.rusmonitor.survey.SurveyApi.asMunicipality;
import static no.rusmonitor.survey.SurveyApi.submissionPath;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import no.rusmonitor.survey.idempotency.IdempotencyPurge;

/** Idempotency keys and optimistic concurrency: retries and races never create a second version N. */
@QuarkusTest
class ConcurrencyIT {

    @Inject
    IdempotencyPurge purge;

    private static final int YEAR = 2024;

    @BeforeEach
    void open() {
        SurveyApi.openNow(YEAR);
    }

    private static long versionsOf(String code) {
        return DATABASE.count("select count(*) from submission_version where municipality_code = '" + code + "' and survey_year = " + YEAR);
    }

    /** Events published to Kafka for the municipality's submission. */
    private static long eventsOf(String code) {
        return PublishedEvents.countFor(code, YEAR);
    }

    @Test
    void aRetryWithTheSameIdempotencyKeyGetsTheOriginalAnswer() {
        String code = "1114"; // Bjerkreim
        Map<String, Object> body = Map.of("answers", SurveyApi.validAnswers());
        Response first = asMunicipality(code).header("Idempotency-Key", "retry-1").body(body).post(submissionPath(YEAR, code) + "/versions");
        first.then().statusCode(201);
        Response second = asMunicipality(code).header("Idempotency-Key", "retry-1").body(body).post(submissionPath(YEAR, code) + "/versions");
        second.then().statusCode(201).header("Idempotent-Replayed", "true");
        assertEquals(first.asString(), second.asString());
        assertEquals(first.header("ETag"), second.header("ETag"));
        assertEquals(1, versionsOf(code));
        assertEquals(1, eventsOf(code));

        // The same key for a different request is refused.
        asMunicipality(code).header("Idempotency-Key", "retry-1")
                .body(Map.of("answers", SurveyApi.with(SurveyApi.validAnswers(), "users_total", 181)))
                .post(submissionPath(YEAR, code) + "/versions").then().statusCode(422)
                .body("type", equalTo("https://rusmonitor.no/problems/idempotency-key-reused"));
        assertEquals(1, versionsOf(code));
    }

    /**
     * A body without answers submits the saved draft. The key of the first submission, sent again with the same
     * empty body to submit a corrected draft, is a different request (its If-Match says so): it is refused, not
     * answered with the first version as if the correction had been made.
     */
    @Test
    void aKeyReusedToSubmitAnotherDraftIsRefusedNotReplayed() {
        String code = "1151"; // Utsira
        String path = submissionPath(YEAR, code);
        asMunicipality(code).body(Map.of("answers", SurveyApi.validAnswers())).put(path + "/draft").then().statusCode(200);
        asMunicipality(code).header("Idempotency-Key", "draft-1").body(Map.of()).post(path + "/versions").then().statusCode(201);
        String etag = asMunicipality(code).body(Map.of("answers", SurveyApi.with(SurveyApi.validAnswers(), "users_total", 181)))
                .put(path + "/draft").then().statusCode(200).extract().header("ETag");

        asMunicipality(code).header("Idempotency-Key", "draft-1").header("If-Match", etag).body(Map.of())
                .post(path + "/versions").then().statusCode(422)
                .body("type", equalTo("https://rusmonitor.no/problems/idempotency-key-reused"));
        assertEquals(1, versionsOf(code));
        // With a key of its own the correction is made.
        asMunicipality(code).header("Idempotency-Key", "draft-2").header("If-Match", etag).body(Map.of())
                .post(path + "/versions").then().statusCode(201).body("version", equalTo(2));
    }

    /**
     * Two editors of one municipality's draft: a save that sends the ETag it read is refused with 412 once the other
     * has saved since, rather than overwriting the other's answers unseen; without If-Match the last save wins.
     */
    @Test
    void aDraftSavedWithAnOldETagIsRefusedAndTheOtherEditorsDraftKept() {
        String code = "1508"; // Ålesund
        String path = submissionPath(YEAR, code);
        String read = asMunicipality(code).body(Map.of("answers", Map.of("users_total", 100))).put(path + "/draft")
                .then().statusCode(200).extract().header("ETag");
        String saved = asMunicipality(code).header("If-Match", read).body(Map.of("answers", Map.of("users_total", 200)))
                .put(path + "/draft").then().statusCode(200).extract().header("ETag");
        assertTrue(!saved.equals(read), "a save gives a new ETag");

        asMunicipality(code).header("If-Match", read).body(Map.of("answers", Map.of("users_total", 300))).put(path + "/draft")
                .then().statusCode(412).contentType("application/problem+json");
        asMunicipality(code).get(path).then().statusCode(200).header("ETag", saved).body("draft.answers.users_total", equalTo(200));
    }

    /**
     * Keys are forgotten after the retention (30 days): the table does not keep every key ever sent. A retry
     * after that is a new request, and still creates no second version, since the submission moved on.
     */
    @Test
    void keysOlderThanTheRetentionAreForgottenAndTheirRetryCreatesNothing() {
        String old = "1101"; // Eigersund
        String recent = "1149"; // Karmøy, whose key is kept: 29 days old
        Map<String, Object> body = Map.of("answers", SurveyApi.validAnswers());
        asMunicipality(old).header("Idempotency-Key", "aged-1").body(body).post(submissionPath(YEAR, old) + "/versions").then().statusCode(201);
        asMunicipality(recent).header("Idempotency-Key", "aged-1").body(body).post(submissionPath(YEAR, recent) + "/versions").then().statusCode(201);
        DATABASE.execute("update idempotency_record set created_at = now() - interval '31 days'"
                + " where idem_key = 'aged-1' and body like '%\"" + old + "\"%'");
        DATABASE.execute("update idempotency_record set created_at = now() - interval '29 days'"
                + " where idem_key = 'aged-1' and body like '%\"" + recent + "\"%'");

        int forgotten = purge.purge().await().atMost(Duration.ofSeconds(30));

        assertTrue(forgotten >= 1, "forgot " + forgotten);
        assertEquals(0, keysOf("aged-1", old));
        assertEquals(1, keysOf("aged-1", recent));
        asMunicipality(recent).header("Idempotency-Key", "aged-1").body(body).post(submissionPath(YEAR, recent) + "/versions")
                .then().statusCode(201).header("Idempotent-Replayed", "true");
        asMunicipality(old).header("Idempotency-Key", "aged-1").body(body).post(submissionPath(YEAR, old) + "/versions")
                .then().statusCode(428);
        assertEquals(1, versionsOf(old));
        assertEquals(1, eventsOf(old));
    }

    private static long keysOf(String key, String code) {
        return DATABASE.count("select count(*) from idempotency_record where idem_key = '" + key + "' and body like '%\"" + code + "\"%'");
    }

    @Test
    void concurrentRetriesWithOneKeyCreateOneVersion() throws Exception {
        String code = "1119"; // Hå
        List<Response> responses = race(8, () -> asMunicipality(code).header("Idempotency-Key", "race-1")
                .body(Map.of("answers", SurveyApi.validAnswers())).post(submissionPath(YEAR, code) + "/versions"));
        for (Response r : responses) {
            assertTrue(r.statusCode() == 201 || r.statusCode() == 409, "got " + r.statusCode() + ": " + r.asString());
        }
        assertTrue(responses.stream().anyMatch(r -> r.statusCode() == 201));
        assertEquals(1, versionsOf(code));
        assertEquals(1, eventsOf(code));
    }

    @Test
    void twoCorrectionsFromTheSameVersionCannotBothWin() throws Exception {
        String code = "1120"; // Klepp
        String etag = SurveyApi.submit(code, YEAR, SurveyApi.validAnswers(), null).then().statusCode(201).extract().header("ETag");
        List<Response> responses = race(6, new Callable<>() {
            private final AtomicInteger n = new AtomicInteger();

            @Override
            public Response call() {
                return SurveyApi.submit(code, YEAR, SurveyApi.with(SurveyApi.validAnswers(), "users_total", 150 + n.incrementAndGet()), etag);
            }
        });
        long created = responses.stream().filter(r -> r.statusCode() == 201).count();
        long refused = responses.stream().filter(r -> r.statusCode() == 412 || r.statusCode() == 409).count();
        assertEquals(1, created, "exactly one correction of version 1 wins");
        assertEquals(responses.size() - 1, refused);
        assertEquals(2, versionsOf(code));

        // A stale ETag is refused; a correction without If-Match must send one.
        SurveyApi.submit(code, YEAR, SurveyApi.with(SurveyApi.validAnswers(), "users_total", 170), etag).then().statusCode(412);
        SurveyApi.submit(code, YEAR, SurveyApi.with(SurveyApi.validAnswers(), "users_total", 170), null).then().statusCode(428);
        SurveyApi.submit(code, YEAR, SurveyApi.with(SurveyApi.validAnswers(), "users_total", 170), SurveyApi.etag(code, YEAR))
                .then().statusCode(201).body("version", equalTo(3));
    }

    @Test
    void manyMunicipalitiesSubmittingAtOnceAreEachStoredOnceWithOneEvent() throws Exception {
        // Submissions arriving while one is written are written together in one transaction (AppendBatcher):
        // each must keep its own outcome, version and event.
        List<String> codes = List.of("1804", "1806", "1811", "1812", "1813", "1815", "1816", "1818", "1820", "1822", "1824", "1825",
                "1826", "1827", "1828", "1832");
        AtomicInteger next = new AtomicInteger();
        List<Response> responses = race(codes.size(), () -> {
            String code = codes.get(next.getAndIncrement());
            return SurveyApi.submit(code, YEAR, SurveyApi.validAnswers(), null);
        });
        for (Response r : responses) {
            assertEquals(201, r.statusCode(), r.asString());
            assertEquals(1, r.jsonPath().getInt("version"));
        }
        for (String code : codes) {
            assertEquals(1, versionsOf(code), code);
            assertEquals(1, eventsOf(code), code);
        }
    }

    /**
     * After the deadline, reading a submission, saving a draft and trying one out each look for a reopening. A
     * burst of them from one municipality (a page opened in many tabs, a script) must neither wait on each
     * other for database connections nor hold up anyone else's submission.
     */
    @Test
    void aBurstOfRequestsAfterTheDeadlineIsAnsweredAndHoldsUpNoSubmission() throws Exception {
        int lockedYear = 2015;
        String code = "1103"; // Stavanger
        SurveyApi.schedule(lockedYear, Duration.ofDays(60), Duration.ofDays(-1));
        String path = submissionPath(lockedYear, code);
        Map<String, Object> body = Map.of("answers", SurveyApi.validAnswers());
        AtomicInteger next = new AtomicInteger();
        List<Response> responses = race(60, () -> switch (next.getAndIncrement() % 3) {
            case 0 -> asMunicipality(code).get(path);
            case 1 -> asMunicipality(code).body(body).put(path + "/draft");
            default -> asMunicipality(code).body(body).post(path + "/validation");
        });
        for (Response r : responses) {
            assertTrue(r.statusCode() == 200 || r.statusCode() == 423, "got " + r.statusCode() + ": " + r.asString());
        }
        SurveyApi.submit("1122", YEAR, SurveyApi.validAnswers(), null).then().statusCode(201); // Gjesdal, in the open year
    }

    private static List<Response> race(int callers, Callable<Response> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Response>> futures = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
            List<Response> responses = new ArrayList<>();
            for (Future<Response> f : futures) {
                responses.add(f.get(60, TimeUnit.SECONDS)); // requests waiting on each other would never answer
            }
            return responses;
        } finally {
            pool.shutdownNow();
        }
    }
}
