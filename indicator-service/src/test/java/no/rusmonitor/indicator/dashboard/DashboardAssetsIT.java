package no.rusmonitor.indicator.dashboard;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The service serves the dashboard itself: the page at {@code /}, its modules and texts, ECharts from the
 * webjar (no CDN), and its settings. What the page does in a browser is DashboardBrowserIT's (system-tests).
 */
@QuarkusTest
class DashboardAssetsIT {

    @Test
    void servesThePageWithItsModulesTextsAndCharts() {
        given().get("/").then().statusCode(200).contentType(containsString("text/html"))
                .body(containsString("<html lang=\"nb\">"), containsString("webjars/echarts/5.3.1/dist/echarts.min.js"),
                        containsString("dashboard/main.js"));
        given().get("/dashboard/main.js").then().statusCode(200).contentType(containsString("javascript"));
        given().get("/dashboard/texts/en.json").then().statusCode(200).body("legendSuppressed", equalTo("withheld: fewer than 5 persons, or to protect another withheld value"));
        given().get("/dashboard/texts/nb.json").then().statusCode(200).body("legendSuppressed", equalTo("skjermet: færre enn 5 personer, eller for å verne en annen skjermet verdi"));
        given().get("/webjars/echarts/5.3.1/dist/echarts.min.js").then().statusCode(200)
                .header("Content-Length", Integer::parseInt, greaterThan(500_000));
    }

    @Test
    void tellsThePageWhereReportsAreOnItsOwnOriginUnlessConfigured() {
        given().get("/api/dashboard/config").then().statusCode(200).body("reportServiceUrl", equalTo(""));
    }
}
