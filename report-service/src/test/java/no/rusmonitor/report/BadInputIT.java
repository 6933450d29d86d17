package no.rusmonitor.report;

import static io.restassured.RestAssured.given;
import static no.rusmonitor.report.ReportApi.analyst;
import static no.rusmonitor.report.ReportApi.national;
import static no.rusmonitor.report.ReportApi.profile;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/** A client's mistake gets a 4xx problem+json saying what is wrong, never a 5xx or a stack trace. */
@QuarkusTest
class BadInputIT {

    @BeforeEach
    void indicatorsArrived() {
        Fixture.load();
    }

    private static ValidatableResponse isProblem(ValidatableResponse response, int status) {
        return response.statusCode(status)
                .contentType(startsWith("application/problem+json"))
                .body("status", equalTo(status))
                .body("type", startsWith("https://rusmonitor.no/problems/"))
                .body(not(containsString("at no.rusmonitor")))
                .body(not(containsString("Exception")));
    }

    @Test
    void aYearThatIsNotAReportingYear() {
        isProblem(analyst().get("/api/reports/national/abcd.json").then(), 400).body("errors.pointer", hasItem("/year"));
        isProblem(analyst().get("/api/reports/national/1999").then(), 400).body("errors.pointer", hasItem("/year"));
        isProblem(analyst().get("/api/reports/national/20245").then(), 400);
        isProblem(given().get("/api/reports/national/x/versions").then(), 400);
        isProblem(analyst().get(national(2031)).then(), 404).body("detail", containsString("2031"));
        isProblem(analyst().post(national(2031) + "/versions").then(), 404);
    }

    @Test
    void aMunicipalityThatIsNotOnTodaysBorders() {
        isProblem(analyst().get("/api/reports/municipalities/03x1/2024").then(), 400).body("errors.pointer", hasItem("/code"));
        isProblem(analyst().get(profile("9999", 2024)).then(), 404);
        // Bergen's code before 2020: the answer says what it became.
        isProblem(analyst().get(profile("1201", 2024)).then(), 404).body("detail", containsString("4601"));
        // Publishing it is refused too; what is published stays readable whatever today's list says (a release of
        // the reference data can retire a code): there is no version of it, not no such municipality.
        isProblem(analyst().post(profile("1201", 2024) + "/versions").then(), 404).body("detail", containsString("4601"));
        given().get(profile("1201", 2019) + "/versions").then().statusCode(200).body("size()", equalTo(0));
        isProblem(given().get(profile("1201", 2019) + "/versions/latest.html").then(), 404);
    }

    @Test
    void anUnknownFormatLanguageOrFlag() {
        isProblem(analyst().get(national(2024) + ".docx").then(), 404).body("detail", containsString(".pdf"));
        isProblem(analyst().accept("image/png").get(national(2024)).then(), 406);
        isProblem(analyst().queryParam("lang", "de").get(national(2024)).then(), 400).body("errors.pointer", hasItem("/lang"));
        // Separators alone: Java's split gives no first piece for these, which was a 500 to anyone.
        isProblem(given().queryParam("lang", "-").get(national(2024) + "/versions/1.html").then(), 400).body("errors.pointer", hasItem("/lang"));
        given().header("Accept-Language", "-").get(national(2024) + "/versions/1.html").then().statusCode(lessThan(500));
        analyst().header("Accept-Language", "_").get(national(2024) + ".json").then().statusCode(200).body("lang", equalTo("nb"));
        isProblem(analyst().header("Accept", ";").get(national(2024)).then(), 406);
        isProblem(analyst().queryParam("unsuppressed", "maybe").get(national(2024)).then(), 400).body("errors.pointer", hasItem("/unsuppressed"));
        analyst().header("Accept-Language", "de-DE, fr;q=0.5").get(national(2024) + ".json").then().statusCode(200).body("lang", equalTo("nb"));
        analyst().accept("application/pdf;q=garbage, application/json").get(national(2024)).then().statusCode(200)
                .contentType(startsWith("application/json"));
    }

    @Test
    void versionsThatDoNotExist() {
        isProblem(given().get(national(2019) + "/versions/1.html").then(), 404);
        isProblem(given().get(national(2019) + "/versions/latest.html").then(), 404);
        isProblem(given().get(national(2024) + "/versions/0.html").then(), 400).body("errors.pointer", hasItem("/version"));
        isProblem(given().get(national(2024) + "/versions/one").then(), 400);
        isProblem(given().get(national(2019) + "/diff").then(), 404);
        analyst().post(national(2023) + "/versions").then().statusCode(201);
        // The default diff compares the newest version with the one before; with one version there is none.
        isProblem(given().get(national(2023) + "/diff").then(), 404).body("detail", containsString("only version 1"))
                .body("errors", nullValue());
        isProblem(given().queryParam("from", "x").get(national(2023) + "/diff").then(), 400).body("errors.pointer", hasItem("/from"));
        isProblem(given().queryParam("to", "99").get(national(2023) + "/diff").then(), 404);
        // Version 1 named as the newer one, with nothing named to compare it with: the 'to' is what cannot be.
        isProblem(given().queryParam("to", "1").get(national(2023) + "/diff").then(), 400).body("errors.pointer", hasItem("/to"));
        isProblem(given().get(national(2024) + "/versions/999999/sources").then(), 404);
    }

    @Test
    void aMethodTheServiceDoesNotTake() {
        isProblem(analyst().delete(national(2024) + "/versions").then(), 405);
        isProblem(given().get("/api/reports/nowhere/2024").then(), 404);
    }
}
