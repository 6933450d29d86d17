package no.rusmonitor.report;

import static io.restassured.RestAssured.given;
import static no.rusmonitor.report.ReportApi.national;
import static no.rusmonitor.report.ReportApi.profile;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import no.rusmonitor.testsupport.TestTokens;

/** Drafts, unsuppressed data, publishing and the read model need the analyst role; published reports need nothing. */
@QuarkusTest
class AuthorizationIT {

    @BeforeEach
    void indicatorsArrived() {
        Fixture.load();
    }

    @Test
    void draftsNeedAnAnalyst() {
        given().get(national(2024) + ".html").then().statusCode(401).contentType(startsWith("application/problem+json"))
                .header("WWW-Authenticate", "Bearer");
        given().auth().oauth2(TestTokens.municipality("0301")).get(profile("0301", 2024) + ".json").then().statusCode(403)
                .body("type", equalTo("https://rusmonitor.no/problems/forbidden"));
        given().auth().oauth2(TestTokens.operator()).get(national(2024) + ".json").then().statusCode(403);
        given().auth().oauth2(TestTokens.expiredMunicipality("0301")).get(national(2024)).then().statusCode(401);
        given().auth().oauth2(TestTokens.forgedOperator()).get(national(2024)).then().statusCode(401);
        given().auth().oauth2(TestTokens.foreignAudienceOperator()).get(national(2024)).then().statusCode(401);
        given().queryParam("unsuppressed", "true").get(national(2024) + ".json").then().statusCode(401);
        given().auth().oauth2(TestTokens.analyst()).get(national(2024) + ".json").then().statusCode(200);
    }

    @Test
    void publishingNeedsAnAnalyst() {
        given().post(national(2024) + "/versions").then().statusCode(401);
        given().auth().oauth2(TestTokens.municipality("0301")).post(profile("0301", 2024) + "/versions").then().statusCode(403);
        given().auth().oauth2(TestTokens.operator()).post(national(2024) + "/versions").then().statusCode(403);
    }

    @Test
    void publishedReportsArePublic() {
        int version = given().auth().oauth2(TestTokens.analyst()).post(profile("0301", 2024) + "/versions").then().statusCode(201)
                .extract().jsonPath().getInt("version");
        given().get(profile("0301", 2024) + "/versions").then().statusCode(200).body("size()", equalTo(version));
        given().get(profile("0301", 2024) + "/versions/" + version + ".pdf").then().statusCode(200).contentType("application/pdf");
        given().get(profile("0301", 2024) + "/versions/latest/sources").then().statusCode(200);
        given().get(profile("0301", 2024) + "/versions/latest/sources/unsuppressed").then().statusCode(401);
        given().auth().oauth2(TestTokens.municipality("0301")).get(profile("0301", 2024) + "/versions/latest/sources/unsuppressed").then()
                .statusCode(403);
    }

    @Test
    void analystsReadTheReadModelAndOnlyOperatorsRebuildIt() {
        given().get("/api/read-model").then().statusCode(401);
        given().auth().oauth2(TestTokens.municipality("0301")).get("/api/read-model").then().statusCode(403);
        given().auth().oauth2(TestTokens.municipality("0301")).post("/api/read-model/rebuild").then().statusCode(403);
        given().auth().oauth2(TestTokens.analyst()).get("/api/read-model").then().statusCode(200);
        given().auth().oauth2(TestTokens.analyst()).post("/api/read-model/rebuild").then().statusCode(403)
                .contentType("application/problem+json");
        given().auth().oauth2(TestTokens.operator()).get("/api/read-model").then().statusCode(200);
    }
}
