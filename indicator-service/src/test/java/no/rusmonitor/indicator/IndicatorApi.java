package no.rusmonitor.indicator;

import static io.restassured.RestAssured.given;
import static no.rusmonitor.indicator.RealInfrastructure.DATABASE;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;

import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import io.restassured.specification.RequestSpecification;
import no.rusmonitor.testsupport.TestTokens;

/** The calls tests make, spelled once. */
public final class IndicatorApi {

    private IndicatorApi() {
    }

    public static RequestSpecification anonymous() {
        return given();
    }

    public static RequestSpecification analyst() {
        return given().auth().oauth2(TestTokens.analyst());
    }

    public static RequestSpecification operator() {
        return given().auth().oauth2(TestTokens.operator());
    }

    /** One value as JSON (the first of the series for that area and year), as the given caller sees it. */
    public static JsonPath value(RequestSpecification as, String indicator, String level, String area, int year, String borders) {
        return json(as.queryParam("level", level).queryParam("area", area).queryParam("from", year).queryParam("to", year)
                .queryParam("borders", borders).get("/api/indicators/{id}/values", indicator)
                .then().statusCode(200).extract().asString()).setRootPath("values[0]");
    }

    /** JSON with numbers read as doubles (RestAssured reads floats by default). */
    public static JsonPath json(String body) {
        return new JsonPath(body).using(new JsonPathConfig(JsonPathConfig.NumberReturnType.DOUBLE));
    }

    /** Polls a value until it satisfies {@code done} (30 s at most), as an analyst; returns it. */
    public static JsonPath awaitValue(String indicator, String level, String area, int year, String borders, Predicate<JsonPath> done) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        JsonPath last = null;
        while (Instant.now().isBefore(deadline)) {
            last = value(analyst(), indicator, level, area, year, borders);
            if (done.test(last)) {
                return last;
            }
            sleep(100);
        }
        throw new AssertionError("value " + indicator + " " + level + " " + area + " " + year + " " + borders + " did not arrive: "
                + (last == null ? null : last.prettify()));
    }

    /** Waits until the answers of a municipality and year have reached {@code version} in the service's database. */
    public static void awaitAnswers(String code, int year, int version) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            if (DATABASE.count("select count(*) from answer_set where municipality_code = '" + code + "' and survey_year = " + year
                    + " and submission_version >= " + version) > 0) {
                return;
            }
            sleep(100);
        }
        throw new AssertionError("answers of " + code + "/" + year + " v" + version + " were not taken in");
    }

    /** Waits up to 30 s for {@code /q/health/well} to answer {@code status} (the outbox relay measures its lag every 10 s). */
    public static void awaitWellness(int status) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (given().get("/q/health/well").statusCode() != status && Instant.now().isBefore(deadline)) {
            sleep(200);
        }
        assertEquals(status, given().get("/q/health/well").statusCode(), "wellness");
    }

    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
