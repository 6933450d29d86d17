package no.rusmonitor.report;

import static io.restassured.RestAssured.given;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import no.rusmonitor.testsupport.TestTokens;

/** The calls tests make, spelled once. */
public final class ReportApi {

    private ReportApi() {
    }

    public static RequestSpecification analyst() {
        return given().auth().oauth2(TestTokens.analyst());
    }

    /** A draft as the analyst reads it, by extension. */
    public static Response draft(String path, String ext, String lang) {
        return analyst().queryParam("lang", lang).get(path + "." + ext);
    }

    public static String national(int year) {
        return "/api/reports/national/" + year;
    }

    public static String profile(String code, int year) {
        return "/api/reports/municipalities/" + code + "/" + year;
    }
}
