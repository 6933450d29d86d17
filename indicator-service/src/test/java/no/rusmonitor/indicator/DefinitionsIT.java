package no.rusmonitor.indicator;

import static no.rusmonitor.indicator.RealInfrastructure.DATABASE;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import no.rusmonitor.testsupport.TestTokens;

/** The catalogue as data: read by anyone, published by operators, checked before it is stored, recomputed when it changes. */
@QuarkusTest
class DefinitionsIT {

    private static final String ID = "goal3.crisis_plan_of_plan_users";
    private static final int YEAR = 2015;

    private static String definition(String numerator, String denominator, double factor) {
        return """
                {"name": {"nb": "Kriseplaner per individuell plan", "en": "Crisis plans per individual plan"},
                 "goal": "3", "unit": "percent", "decimals": 1,
                 "numerator": "%s", "denominator": "%s", "factor": %s,
                 "aggregation": "sum_over_reporting", "personCounts": ["numerator", "denominator"]}
                """.formatted(numerator, denominator, factor);
    }

    @Test
    void theCatalogueHoldsEveryIndicatorOfTheDomain() {
        IndicatorApi.anonymous().get("/api/indicators").then().statusCode(200)
                .body("id", hasItems("goal1.user_council_share", "goal3.individual_plan_share", "goal4.homeless_share",
                        "effort.fte_per_10k", "reporting.response_rate"))
                .body("find { it.id == 'goal3.individual_plan_share' }.name.nb", containsString("individuell plan"));
        IndicatorApi.anonymous().get("/api/indicators/{id}", "goal9.unknown").then().statusCode(404).contentType("application/problem+json");
        // An id that cannot exist (a NUL byte, which PostgreSQL would refuse in a query) is simply not there.
        IndicatorApi.anonymous().urlEncodingEnabled(false).get("/api/indicators/..%00/versions").then().statusCode(404)
                .contentType("application/problem+json");
        IndicatorApi.anonymous().urlEncodingEnabled(false).get("/api/indicators/..%00/values").then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void formulasThatCannotWorkAreRefusedNamingTheFieldAndNothingIsStored() {
        IndicatorApi.operator().contentType(ContentType.JSON).body(definition("users_with_crisis_plan + ", "users_with_individual_plan", 100))
                .post("/api/indicators/{id}/versions", ID).then().statusCode(422).contentType("application/problem+json")
                .body("errors.pointer", hasItem("/numerator")).body("errors.code", hasItem("syntax_error"));
        IndicatorApi.operator().contentType(ContentType.JSON).body(definition("users_with_crisis_plan", "users_with_wings", 100))
                .post("/api/indicators/{id}/versions", ID).then().statusCode(422).contentType("application/problem+json")
                .body("errors.pointer", hasItem("/denominator")).body("errors.code", hasItem("unknown_question"));
        // Without saying which parts count persons, values on one or two users would be published unsuppressed.
        IndicatorApi.operator().contentType(ContentType.JSON)
                .body(definition("users_with_crisis_plan", "users_with_individual_plan", 100).replace(", \"personCounts\": [\"numerator\", \"denominator\"]", ""))
                .post("/api/indicators/{id}/versions", ID).then().statusCode(422).contentType("application/problem+json")
                .body("errors.pointer", hasItem("/personCounts")).body("errors.code", hasItem("person_counts_missing"));
        IndicatorApi.operator().contentType(ContentType.JSON)
                .body(definition("users_with_crisis_plan", "users_with_individual_plan", 100).replace("[\"numerator\", \"denominator\"]", "[\"denominator\"]"))
                .post("/api/indicators/{id}/versions", ID).then().statusCode(422).contentType("application/problem+json")
                .body("errors.pointer", hasItem("/personCounts")).body("errors.code", hasItem("person_count_part_unnamed"));
        IndicatorApi.operator().contentType(ContentType.JSON).body(definition("users_with_crisis_plan", "users_with_individual_plan", -1))
                .post("/api/indicators/{id}/versions", ID).then().statusCode(400).contentType("application/problem+json")
                .body("errors.pointer", hasItem("/factor"));
        // 1e400 is read as infinity; values times it could be neither stored as numbers nor written to a table.
        IndicatorApi.operator().contentType(ContentType.JSON).body(definition("users_with_crisis_plan", "users_with_individual_plan", 100)
                .replace("\"factor\": 100.0", "\"factor\": 1e400"))
                .post("/api/indicators/{id}/versions", ID).then().statusCode(400).contentType("application/problem+json")
                .body("errors.pointer", hasItem("/factor"));
        IndicatorApi.operator().contentType(ContentType.JSON).body(definition("users_with_crisis_plan * population ^ 90", "users_with_individual_plan", 100))
                .post("/api/indicators/{id}/versions", ID).then().statusCode(422).contentType("application/problem+json")
                .body("errors.pointer", hasItem("/numerator")).body("errors.code", hasItem("invalid_formula"));
        IndicatorApi.operator().contentType(ContentType.JSON).body(definition("users_with_crisis_plan", "users_with_individual_plan", 100))
                .post("/api/indicators/{id}/versions", "Not An Id").then().statusCode(400).contentType("application/problem+json");
        // A NUL, which PostgreSQL cannot store, or another control character, in a name or in a formula.
        IndicatorApi.operator().contentType(ContentType.JSON).body(definition("users_with_crisis_plan", "users_with_individual_plan", 100)
                .replace("Kriseplaner per", "Kriseplaner\\u0000per").replace("Crisis plans per", "Crisis plans\\u0085per"))
                .post("/api/indicators/{id}/versions", ID).then().statusCode(400).contentType("application/problem+json")
                .body("errors.pointer", hasItems("/name/nb", "/name/en"));
        IndicatorApi.operator().contentType(ContentType.JSON).body(definition("users_with_crisis_plan\\u0000", "users_with_individual_plan", 100))
                .post("/api/indicators/{id}/versions", ID).then().statusCode(400).contentType("application/problem+json")
                .body("errors.pointer", hasItem("/numerator"));
        // Inside a text literal the formula's parser would take it.
        IndicatorApi.operator().contentType(ContentType.JSON)
                .body(definition("users_with_crisis_plan", "IF(budget_change == \\\"\\u0000\\\", 1, users_with_individual_plan)", 100))
                .post("/api/indicators/{id}/versions", ID).then().statusCode(400).contentType("application/problem+json")
                .body("errors.pointer", hasItem("/denominator"));
        IndicatorApi.anonymous().contentType(ContentType.JSON).body(definition("users_with_crisis_plan", "users_with_individual_plan", 100))
                .post("/api/indicators/{id}/versions", ID).then().statusCode(401).contentType("application/problem+json");
        IndicatorApi.anonymous().auth().oauth2(TestTokens.analyst()).contentType(ContentType.JSON)
                .body(definition("users_with_crisis_plan", "users_with_individual_plan", 100))
                .post("/api/indicators/{id}/versions", ID).then().statusCode(403).contentType("application/problem+json");
        assertEquals(0, DATABASE.count("select count(*) from indicator_definition where indicator_id = '" + ID + "'"));
    }

    @Test
    void aNewVersionIsComputedEverywhereFromTheStoredAnswers() {
        String code = "1820"; // Alstahaug
        try (Submissions submissions = new Submissions()) {
            submissions.submit(code, YEAR, 1, Submissions.answers()); // 25 crisis plans, 30 individual plans
        }
        IndicatorApi.awaitAnswers(code, YEAR, 1);

        JsonPath first = IndicatorApi.json(IndicatorApi.operator().contentType(ContentType.JSON)
                .body(definition("users_with_crisis_plan", "users_with_individual_plan", 100))
                .post("/api/indicators/{id}/versions", ID).then().statusCode(201).extract().asString());
        assertEquals(1, first.getInt("definition.version"));
        JsonPath value = IndicatorApi.value(IndicatorApi.analyst(), ID, "municipality", code, YEAR, "as_reported");
        assertEquals(25.0 / 30.0 * 100, value.getDouble("value"), 1e-9);
        assertEquals(1, value.getInt("definitionVersion"));

        JsonPath second = IndicatorApi.json(IndicatorApi.operator().contentType(ContentType.JSON)
                .body(definition("users_with_crisis_plan", "users_total", 100))
                .post("/api/indicators/{id}/versions", ID).then().statusCode(201).extract().asString());
        assertEquals(2, second.getInt("definition.version"));
        value = IndicatorApi.value(IndicatorApi.analyst(), ID, "municipality", code, YEAR, "as_reported");
        assertEquals(25.0 / 180.0 * 100, value.getDouble("value"), 1e-9);
        assertEquals(2, value.getInt("definitionVersion"));
        assertEquals(2, value.getInt("revision"));
        IndicatorApi.anonymous().get("/api/indicators/{id}/versions", ID).then().statusCode(200).body("version", hasItems(1, 2));

        // A version that only renames changes no figure, but every value is published again under it: the
        // consumers show a value with the names and decimals of the version it names.
        IndicatorApi.operator().contentType(ContentType.JSON)
                .body(definition("users_with_crisis_plan", "users_total", 100).replace("Crisis plans per individual plan", "Crisis plans per user"))
                .post("/api/indicators/{id}/versions", ID).then().statusCode(201).body("definition.version", is(3));
        value = IndicatorApi.value(IndicatorApi.analyst(), ID, "municipality", code, YEAR, "as_reported");
        assertEquals(25.0 / 180.0 * 100, value.getDouble("value"), 1e-9);
        assertEquals(3, value.getInt("definitionVersion"));
        assertEquals(3, value.getInt("revision"), "a new revision, so that consumers keeping the highest take it");
        assertEquals(1, DATABASE.count("select count(*) from value_change where indicator_id = '" + ID + "' and level = 'municipality' "
                + "and area_code = '" + code + "' and borders = 'as_reported' and year = " + YEAR + " and revision = 3"), "published");
        IndicatorApi.anonymous().get("/api/indicators/{id}/versions/1", ID).then().statusCode(200)
                .body("denominator", containsString("users_with_individual_plan"));
        // Integer.parseInt would read each of these as 1.
        for (String one : List.of("+1", "01", "\u0661")) {
            IndicatorApi.anonymous().get("/api/indicators/{id}/versions/{version}", ID, one).then().statusCode(404)
                    .contentType("application/problem+json");
        }
    }
}
