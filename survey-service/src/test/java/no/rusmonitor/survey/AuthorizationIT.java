package no.rusmonitor.survey;

import static io.restassured.RestAssured.given;
import static no.rusmonitor.survey.RealInfrastructure.DATABASE;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import no.rusmonitor.testsupport.TestTokens;

/**
 * The authorization matrix of every write endpoint: no token or a bad one is 401, a valid token acting
 * outside its rights is 403, and in both cases nothing changes.
 */
@QuarkusTest
class AuthorizationIT {

    private static final int YEAR = 2024;
    private static final String TARGET = "1106"; // Haugesund
    private static final String DEFINITION = "{\"title\":{\"nb\":\"t\",\"en\":\"t\"},\"questions\":[{\"id\":\"a\",\"type\":\"boolean\",\"required\":true,\"label\":{\"nb\":\"a\",\"en\":\"a\"}}]}";

    /** One write endpoint: how to call it with a given request, and which token may call it. */
    private record Write(String name, Function<RequestSpecification, io.restassured.response.Response> call, String allowed) {
    }

    private List<Write> writes() {
        String base = SurveyApi.submissionPath(YEAR, TARGET);
        String answers = "{\"answers\":{\"users_total\":10}}";
        return List.of(
                new Write("save draft", r -> r.body(answers).put(base + "/draft"), "own municipality"),
                new Write("dry run", r -> r.body(answers).post(base + "/validation"), "own municipality"),
                new Write("submit", r -> r.body(answers).post(base + "/versions"), "own municipality"),
                new Write("publish definition", r -> r.body(DEFINITION).post("/api/surveys/2024/versions"), "operator"),
                new Write("replace definition", r -> r.body(DEFINITION).put("/api/surveys/2024/versions/1"), "operator"),
                new Write("set schedule", r -> r.body("{\"opensAt\":\"2025-01-01T00:00:00Z\",\"deadline\":\"2025-03-01T00:00:00Z\"}")
                        .put("/api/surveys/2024/schedule"), "operator"),
                new Write("reopen", r -> r.body("{\"municipalityCode\":\"" + TARGET + "\"}").post("/api/surveys/2024/reopenings"), "operator"),
                new Write("close reopening", r -> r.delete("/api/surveys/2024/reopenings/" + TARGET), "operator"),
                new Write("import", r -> r.body("{\"rows\":[]}").post("/api/imports"), "operator"));
    }

    @BeforeEach
    void open() {
        SurveyApi.openNow(YEAR);
    }

    @Test
    void withoutAValidTokenEveryWriteIs401AndChangesNothing() {
        Map<String, String> before = DATABASE.fingerprint();
        for (Write write : writes()) {
            for (String token : new String[] { null, "not-a-jwt", TestTokens.forgedOperator(), TestTokens.expiredMunicipality(TARGET),
                    TestTokens.foreignIssuerOperator(), TestTokens.foreignAudienceOperator() }) {
                RequestSpecification request = given().contentType(ContentType.JSON);
                if (token != null) {
                    request.auth().oauth2(token);
                }
                write.call().apply(request).then()
                        .statusCode(401)
                        .contentType(startsWith("application/problem+json"))
                        .header("WWW-Authenticate", startsWith("Bearer"))
                        .body("status", equalTo(401));
            }
        }
        assertEquals(before, DATABASE.fingerprint());
    }

    @Test
    void aValidTokenOutsideItsRightsIs403AndChangesNothing() {
        Map<String, String> everyone = Map.of("own municipality", TestTokens.municipality(TARGET),
                "another municipality", TestTokens.municipality("0301"), "analyst", TestTokens.analyst(), "operator", TestTokens.operator(),
                "own municipality, its code as a number", TestTokens.municipalityAsNumber(Integer.parseInt(TARGET)));
        Map<String, String> before = DATABASE.fingerprint();
        for (Write write : writes()) {
            for (Map.Entry<String, String> caller : everyone.entrySet()) {
                if (caller.getKey().equals(write.allowed())) {
                    continue;
                }
                write.call().apply(given().contentType(ContentType.JSON).auth().oauth2(caller.getValue())).then()
                        .statusCode(403)
                        .contentType(startsWith("application/problem+json"))
                        .body("status", equalTo(403));
            }
        }
        assertEquals(before, DATABASE.fingerprint());
    }

    /**
     * Another municipality's write is refused whatever its body: before, a malformed or invalid body was
     * answered 400 first, saying how a write the caller may not make would have been read.
     */
    @Test
    void anotherMunicipalitysWriteIsRefusedBeforeItsBodyIsRead() {
        String base = SurveyApi.submissionPath(YEAR, TARGET);
        Map<String, String> before = DATABASE.fingerprint();
        for (String body : new String[] { "{\"answers\":", "{\"answers\":\"not an object\"}", "[]" }) {
            for (Function<RequestSpecification, io.restassured.response.Response> write : List.<Function<RequestSpecification, io.restassured.response.Response>>of(
                    r -> r.put(base + "/draft"), r -> r.post(base + "/validation"), r -> r.post(base + "/versions"))) {
                write.apply(given().contentType(ContentType.JSON).auth().oauth2(TestTokens.municipality("0301")).body(body)).then()
                        .statusCode(403)
                        .contentType(startsWith("application/problem+json"))
                        .body("detail", equalTo("This token may not act for municipality " + TARGET + "."));
            }
        }
        // An operator's write with a municipality's token: the role is checked before the body too.
        for (Function<RequestSpecification, io.restassured.response.Response> write : List.<Function<RequestSpecification, io.restassured.response.Response>>of(
                r -> r.post("/api/surveys/2024/versions"), r -> r.put("/api/surveys/2024/schedule"), r -> r.post("/api/surveys/2024/reopenings"),
                r -> r.post("/api/imports"))) {
            write.apply(given().contentType(ContentType.JSON).auth().oauth2(TestTokens.municipality("0301")).body("{")).then()
                    .statusCode(403).contentType(startsWith("application/problem+json"));
        }
        assertEquals(before, DATABASE.fingerprint());
    }

    @Test
    void readsFollowTheSameRights() {
        String state = SurveyApi.submissionPath(YEAR, TARGET);
        given().get(state).then().statusCode(401);
        given().auth().oauth2(TestTokens.municipality("0301")).get(state).then().statusCode(403);
        given().auth().oauth2(TestTokens.municipality(TARGET)).get(state).then().statusCode(200);
        given().auth().oauth2(TestTokens.analyst()).get(state).then().statusCode(200);
        given().auth().oauth2(TestTokens.municipality(TARGET)).get("/api/surveys/2024/completeness").then().statusCode(403);
        given().auth().oauth2(TestTokens.analyst()).get("/api/surveys/2024/completeness").then().statusCode(200);
        given().get("/api/surveys/2024").then().statusCode(200);
        given().get("/api/municipalities?year=2024").then().statusCode(200);
    }
}
