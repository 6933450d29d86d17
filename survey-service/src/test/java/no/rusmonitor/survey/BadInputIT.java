package no.rusmonitor.survey;

import static io.restassured.RestAssured.given;
import static no.rusmonitor.survey.RealInfrastructure.DATABASE;
import static no.rusmonitor.survey.SurveyApi.asMunicipality;
import static no.rusmonitor.survey.SurveyApi.submissionPath;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import no.rusmonitor.testsupport.TestTokens;

/**
 * A client's mistake gets a 4xx problem+json naming the field, never a 5xx or a stack trace, and
 * changes nothing.
 */
@QuarkusTest
class BadInputIT {

    private static final String CODE = "1103";
    private static final int YEAR = 2024;
    private Map<String, String> before;

    @BeforeEach
    void open() {
        SurveyApi.openNow(YEAR);
        before = DATABASE.fingerprint();
    }

    @AfterEach
    void nothingChanged() {
        assertEquals(before, DATABASE.fingerprint(), "a refused request must not change anything");
    }

    private static ValidatableResponse isProblem(ValidatableResponse response, int status) {
        return response.statusCode(status)
                .contentType(startsWith("application/problem+json"))
                .body("status", equalTo(status))
                .body("type", startsWith("https://rusmonitor.no/problems/"))
                .body(not(containsString("at no.rusmonitor")))
                .body(not(containsString("Exception")));
    }

    private static String versions() {
        return submissionPath(YEAR, CODE) + "/versions";
    }

    @Test
    void malformedJson() {
        isProblem(asMunicipality(CODE).body("{\"answers\": {\"users_total\": 12 13}}").post(versions()).then(), 400)
                .body("type", endsWith("malformed-body"));
        isProblem(asMunicipality(CODE).body("{\"answers\": {\"users_total\": 12,").post(versions()).then(), 400);
        isProblem(asMunicipality(CODE).body("").post(versions()).then(), 400);
        isProblem(asMunicipality(CODE).body("[" .repeat(5000)).post(versions()).then(), 400);
        // Text after the JSON value is not ignored: the draft below would otherwise be saved.
        long drafts = DATABASE.count("select count(*) from submission where draft is not null");
        isProblem(asMunicipality(CODE).body("{\"answers\": {\"users_total\": 1}}trailing").put(submissionPath(YEAR, CODE) + "/draft").then(), 400)
                .body("type", endsWith("malformed-body"));
        assertEquals(drafts, DATABASE.count("select count(*) from submission where draft is not null"));
    }

    @Test
    void aFieldNamedTwiceIsRefusedByName() {
        // Jackson alone keeps the last of the two: the draft would be saved with 12 users.
        long drafts = DATABASE.count("select count(*) from submission where draft is not null");
        isProblem(asMunicipality(CODE).body("{\"answers\": {\"users_total\": 1200, \"users_total\": 12}}")
                .put(submissionPath(YEAR, CODE) + "/draft").then(), 400)
                .body("type", endsWith("duplicate-field")).body("errors.pointer", hasItem("/answers/users_total"));
        isProblem(asMunicipality(CODE).body("{\"answers\": {}, \"answers\": {\"users_total\": 12}}").post(versions()).then(), 400)
                .body("type", endsWith("duplicate-field")).body("errors.pointer", hasItem("/answers"));
        assertEquals(drafts, DATABASE.count("select count(*) from submission where draft is not null"));
    }

    @Test
    void invalidUtf8() {
        byte[] body = "{\"answers\": {\"comment\": \"x\"}}".getBytes(StandardCharsets.UTF_8);
        body[26] = (byte) 0xC3; // a lone lead byte
        isProblem(asMunicipality(CODE).body(body).post(versions()).then(), 400);
    }

    @Test
    void aBodyThatLooksLikeUtf32WithACodePointBeyondUnicode() {
        // '{' in UTF-32 (big-endian), as the JSON reader guesses from three zero bytes, then 0x7FFFFFFF.
        byte[] body = { 0, 0, 0, '{', 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff };
        isProblem(asMunicipality(CODE).body(body).post(versions()).then(), 400).body("type", endsWith("malformed-body"));
        isProblem(asMunicipality(CODE).body(body).put(submissionPath(YEAR, CODE) + "/draft").then(), 400);
    }

    @Test
    void answersOfTheWrongShape() {
        isProblem(asMunicipality(CODE).body("{\"answers\": [1, 2]}").post(versions()).then(), 400)
                .body("errors.pointer", hasItem("/answers"));
    }

    @Test
    void unknownTopLevelField() {
        isProblem(asMunicipality(CODE).body("{\"answers\": {}, \"sneaky\": true}").post(versions()).then(), 400)
                .body("errors.pointer", hasItem("/sneaky"));
    }

    @Test
    void everyOffendingAnswerIsNamed() {
        Map<String, Object> answers = new HashMap<>(SurveyApi.validAnswers());
        answers.put("users_total", "many");             // wrong type
        answers.put("fte_adults", 9000);                // above maximum
        answers.put("peer_workers", -1);                // below minimum
        answers.put("youth_contracts", 2.5);            // not a whole number
        answers.put("budget_change", "doubled");        // not an option
        answers.put("user_council", "yes");             // not a boolean
        answers.put("comment", "x".repeat(4001));       // too long
        answers.put("fte_higher_education", 100);       // exceeds fte_adults + fte_youth... (fte_adults invalid: skipped)
        answers.put("unicorns_seen", 3);                // unknown question
        answers.remove("waiting_days_avg");             // required
        isProblem(asMunicipality(CODE).body(Map.of("answers", answers)).post(versions()).then(), 422)
                .body("type", endsWith("validation-failed"))
                .body("errors.pointer", hasItems("/answers/users_total", "/answers/fte_adults", "/answers/peer_workers",
                        "/answers/youth_contracts", "/answers/budget_change", "/answers/user_council", "/answers/comment",
                        "/answers/unicorns_seen", "/answers/waiting_days_avg"))
                .body("errors.find { it.pointer == '/answers/unicorns_seen' }.code", equalTo("unknown_question"))
                .body("errors.find { it.pointer == '/answers/fte_adults' }.code", equalTo("above_maximum"))
                .body("errors.find { it.pointer == '/answers/waiting_days_avg' }.code", equalTo("required"));
    }

    @Test
    void crossFieldRule() {
        Map<String, Object> answers = SurveyApi.with(SurveyApi.validAnswers(), "users_with_individual_plan", 500);
        isProblem(asMunicipality(CODE).body(Map.of("answers", answers)).post(versions()).then(), 422)
                .body("errors[0].pointer", equalTo("/answers/users_with_individual_plan"))
                .body("errors[0].code", equalTo("exceeds_sum"));
    }

    @Test
    void aDraftMayBeIncompleteButNotWrong() {
        isProblem(asMunicipality(CODE).body(Map.of("answers", Map.of("users_total", -3))).put(submissionPath(YEAR, CODE) + "/draft").then(), 422)
                .body("errors.pointer", hasItem("/answers/users_total"));
    }

    @Test
    void aVersionNumberIsWrittenInAsciiDigitsWithoutSignOrLeadingZero() {
        // Integer.parseInt would read each of these as 1, as it reads +2024 as a year.
        for (String version : List.of("+1", "01", "\u0661")) {
            isProblem(asMunicipality(CODE).urlEncodingEnabled(true).get(submissionPath(YEAR, CODE) + "/versions/" + version).then(), 404);
            isProblem(SurveyApi.as(TestTokens.analyst()).urlEncodingEnabled(true).get("/api/surveys/" + YEAR + "/versions/" + version).then(), 404);
        }
    }

    @Test
    void unknownMunicipalityCode() {
        // 0101 Halden existed until 2019; in 2024 its code is 3101.
        isProblem(asMunicipality("0101").body(Map.of("answers", SurveyApi.validAnswers()))
                .post(submissionPath(YEAR, "0101") + "/versions").then(), 422)
                .body("type", endsWith("unknown-municipality"));
        isProblem(asMunicipality("9999").get(submissionPath(YEAR, "9999")).then(), 404);
    }

    @Test
    void malformedPathParameters() {
        isProblem(asMunicipality(CODE).get("/api/surveys/{year}/submissions/{code}", YEAR, "12ab").then(), 400);
        isProblem(asMunicipality(CODE).get("/api/surveys/twenty/submissions/" + CODE).then(), 404);
        // Integer.parseInt reads these as 2024; an address does not.
        isProblem(asMunicipality(CODE).get("/api/surveys/+2024/submissions/" + CODE).then(), 404);
        isProblem(asMunicipality(CODE).get("/api/surveys/\u0662\u0660\u0662\u0664/submissions/" + CODE).then(), 404);
        isProblem(asMunicipality(CODE).body(Map.of("answers", SurveyApi.validAnswers()))
                .post("/api/surveys/+2024/submissions/" + CODE + "/versions").then(), 404);
        isProblem(given().get("/api/surveys/02024").then(), 404);
        isProblem(given().get("/api/municipalities?year=1899").then(), 400).body("errors.pointer", hasItem("/year"));
        isProblem(given().get("/api/municipalities?year=abc").then(), 400).body("errors.pointer", hasItem("/year"));
        isProblem(given().get("/api/municipalities").then(), 400).body("errors.pointer", hasItem("/year"));
        isProblem(given().get("/api/surveys/1999").then(), 404);
    }

    /**
     * A body is refused before it is read when it announces more than its path takes: 5 MB for an import, 256 KB
     * anywhere else (a survey's answers take a few kilobytes; megabytes of them would only fill the heap).
     */
    @Test
    void oversizedBody() throws Exception {
        long versions = DATABASE.count("select count(*) from submission_version");
        String municipality = "Authorization: Bearer " + TestTokens.municipality(CODE);
        String overImports = raw("POST /api/imports", "Authorization: Bearer " + TestTokens.operator(), "Content-Length: " + (6 * 1024 * 1024));
        assertThat(overImports, startsWith("HTTP/1.1 413"));
        for (String path : List.of(versions(), submissionPath(2024, CODE) + "/validation")) {
            String response = raw("POST " + path, municipality, "Content-Length: " + (300 * 1024));
            assertThat(path, response, startsWith("HTTP/1.1 413"));
            assertThat(response, containsString("application/problem+json"));
            assertThat(response, containsString("payload-too-large"));
        }
        // Without a length it could not be measured before it is read: the client is asked for one.
        String chunked = raw("POST " + versions(), municipality, "Transfer-Encoding: chunked");
        assertThat(chunked, startsWith("HTTP/1.1 411"));
        assertThat(chunked, containsString("length-required"));
        // An import under its own limit is read: 1 MB that is not an import file is a 4xx of its own kind.
        byte[] large = ("{\"rows\": \"" + "x".repeat(1024 * 1024) + "\"}").getBytes(StandardCharsets.US_ASCII);
        given().auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON).body(large).post("/api/imports").then()
                .statusCode(400).contentType(startsWith("application/problem+json"));
        assertEquals(versions, DATABASE.count("select count(*) from submission_version"), "nothing was stored");
    }

    /** Sends a request line and headers with the start of a JSON body, and reads the answer's first bytes. */
    private static String raw(String requestLine, String... headers) throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", io.restassured.RestAssured.port)) {
            socket.setSoTimeout(10_000);
            String request = requestLine + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + String.join("\r\n", headers) + "\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().write("{\"answers\": {\"comment\": \"".getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readNBytes(2000), StandardCharsets.UTF_8);
        }
    }

    @Test
    void wrongMediaTypes() {
        isProblem(asMunicipality(CODE).contentType(ContentType.XML).body("<answers/>").post(versions()).then(), 415);
        isProblem(asMunicipality(CODE).accept("application/xml").get(submissionPath(YEAR, CODE)).then(), 406);
        // A method the address does not take: 405 where the resource knows the path, else 404.
        asMunicipality(CODE).body("{}").delete(versions()).then().statusCode(org.hamcrest.Matchers.anyOf(equalTo(404), equalTo(405)))
                .contentType(startsWith("application/problem+json"));
        isProblem(given().get("/api/nothing-here").then(), 404);
    }

    @Test
    void badIdempotencyKey() {
        isProblem(asMunicipality(CODE).header("Idempotency-Key", "x".repeat(500)).body(Map.of("answers", SurveyApi.validAnswers()))
                .post(versions()).then(), 400);
    }

    @Test
    void badDefinitionsAndSchedules() {
        isProblem(SurveyApi.as(TestTokens.operator()).body("{\"opensAt\": \"tomorrow\", \"deadline\": \"2030-01-01T00:00:00Z\"}")
                .put("/api/surveys/2024/schedule").then(), 400).body("errors.pointer", hasItem("/opensAt"));
        isProblem(SurveyApi.as(TestTokens.operator()).body("{\"opensAt\": \"2030-01-01T00:00:00Z\", \"deadline\": \"2029-01-01T00:00:00Z\"}")
                .put("/api/surveys/2024/schedule").then(), 422);
        isProblem(SurveyApi.as(TestTokens.operator()).body("{\"title\": {\"nb\": \"x\", \"en\": \"x\"}, \"questions\": [{\"id\": \"a\", \"type\": \"colour\", \"label\": {\"nb\": \"a\", \"en\": \"a\"}}]}")
                .post("/api/surveys/2024/versions").then(), 400).body("errors.pointer", hasItem("/questions/0/type"));
    }

    @Test
    void operatorBodiesOnlyTakeWhatCanBeStored() {
        // Each reached PostgreSQL and failed there, with a 500: U+0000 in text, a timestamp or a numeric out of its range.
        isProblem(SurveyApi.as(TestTokens.operator()).body("{\"municipalityCode\": \"0301\", \"reason\": \"a\\u0000b\"}")
                .post("/api/surveys/2024/reopenings").then(), 400).body("errors.pointer", hasItem("/reason"));
        isProblem(SurveyApi.as(TestTokens.operator()).body("{\"municipalityCode\": \"0301\", \"until\": \"+200000-01-01T00:00:00Z\"}")
                .post("/api/surveys/2024/reopenings").then(), 400).body("errors.pointer", hasItem("/until"));
        isProblem(SurveyApi.as(TestTokens.operator()).body("{\"opensAt\": \"2024-01-01T00:00:00Z\", \"deadline\": \"+200000-01-01T00:00:00Z\"}")
                .put("/api/surveys/2024/schedule").then(), 400).body("errors.pointer", hasItem("/deadline"));
        String question = "{\"id\": \"a\", \"type\": \"decimal\", \"label\": {\"nb\": \"a\", \"en\": \"a\"}%s}";
        Map<String, String> definitions = Map.of(
                "/title/en", "{\"title\": {\"nb\": \"x\", \"en\": \"x\\u0000\"}, \"questions\": [" + question.formatted("") + "]}",
                "/questions/0/goal", "{\"title\": {\"nb\": \"x\", \"en\": \"x\"}, \"questions\": [" + question.formatted(", \"goal\": \"\\u0000\"") + "]}",
                "/questions/0/max", "{\"title\": {\"nb\": \"x\", \"en\": \"x\"}, \"questions\": [" + question.formatted(", \"max\": 1e400000") + "]}",
                "/questions/0/min", "{\"title\": {\"nb\": \"x\", \"en\": \"x\"}, \"questions\": [" + question.formatted(", \"min\": 1e-400000") + "]}");
        definitions.forEach((pointer, body) -> isProblem(SurveyApi.as(TestTokens.operator()).body(body)
                .post("/api/surveys/2024/versions").then(), 400).body("errors.pointer", hasItem(pointer)));
    }

    @Test
    void aReopeningForAYearWithoutMunicipalitiesNamesTheYear() {
        isProblem(SurveyApi.as(TestTokens.operator()).body(Map.of("municipalityCode", "0301")).post("/api/surveys/1999/reopenings").then(), 422)
                .body("errors.pointer", equalTo(java.util.List.of("/year")));
        isProblem(SurveyApi.as(TestTokens.operator()).body(Map.of("municipalityCode", "0101")).post("/api/surveys/2024/reopenings").then(), 422)
                .body("errors.pointer", equalTo(java.util.List.of("/municipalityCode")));
    }

    @Test
    void numbersAreJudgedAsWrittenNotAsTheNearestDouble() throws Exception {
        // As doubles these were 5000.0 and 100.0, which passed, and were stored so.
        ObjectNode answers = new ObjectMapper().valueToTree(SurveyApi.validAnswers());
        answers.put("fte_adults", new BigDecimal("5000.0000000000000001"));        // above the maximum of 5000
        answers.put("users_total", new BigDecimal("100.00000000000000001"));       // not a whole number
        String body = "{\"answers\": " + answers + "}";
        isProblem(asMunicipality(CODE).body(body).post(versions()).then(), 422)
                .body("errors.find { it.pointer == '/answers/fte_adults' }.code", equalTo("above_maximum"))
                .body("errors.find { it.pointer == '/answers/users_total' }.code", equalTo("not_whole_number"));
        isProblem(asMunicipality(CODE).body(body).put(submissionPath(YEAR, CODE) + "/draft").then(), 422)
                .body("errors.pointer", hasItems("/answers/fte_adults", "/answers/users_total"));
        asMunicipality(CODE).body(body).post(submissionPath(YEAR, CODE) + "/validation").then().statusCode(200)
                .body("wouldBeAccepted", equalTo(false))
                .body("errors.pointer", hasItems("/answers/fte_adults", "/answers/users_total"));
        // Zero with 400,000 decimals written is too precise to store (PostgreSQL's numeric holds 16,383), though it is zero.
        ObjectNode zero = new ObjectMapper().valueToTree(SurveyApi.validAnswers());
        zero.put("fte_youth", new BigDecimal("0e-400000"));
        isProblem(asMunicipality(CODE).body("{\"answers\": " + zero + "}").post(versions()).then(), 422)
                .body("errors.find { it.pointer == '/answers/fte_youth' }.code", equalTo("too_precise"));
        // Zero with an exponent of two billion is zero, but jsonb's numeric cannot hold it as written.
        ObjectNode hugeExponent = new ObjectMapper().valueToTree(SurveyApi.validAnswers());
        hugeExponent.put("peer_workers", new BigDecimal("0e2000000000"));
        for (String path : List.of("/versions", "/draft", "/validation")) {
            var request = asMunicipality(CODE).body("{\"answers\": " + hugeExponent + "}");
            var answered = path.equals("/draft") ? request.put(submissionPath(YEAR, CODE) + path) : request.post(submissionPath(YEAR, CODE) + path);
            if (path.equals("/validation")) {
                answered.then().statusCode(200).body("wouldBeAccepted", equalTo(false))
                        .body("errors.find { it.pointer == '/answers/peer_workers' }.code", equalTo("exponent_too_large"));
            } else {
                isProblem(answered.then(), 422).body("errors.find { it.pointer == '/answers/peer_workers' }.code", equalTo("exponent_too_large"));
            }
        }
        // A number with no exact value at all is refused as the answers' form.
        isProblem(asMunicipality(CODE).body("{\"answers\": {\"users_total\": 1e9999999999}}").post(versions()).then(), 400)
                .body("errors.pointer", hasItem("/answers"));
    }

    private static org.hamcrest.Matcher<String> endsWith(String suffix) {
        return org.hamcrest.Matchers.endsWith(suffix);
    }
}
