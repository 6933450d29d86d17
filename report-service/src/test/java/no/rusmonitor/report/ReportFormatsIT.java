package no.rusmonitor.report;

import static no.rusmonitor.report.Documents.en;
import static no.rusmonitor.report.Documents.nb;
import static no.rusmonitor.report.Fixture.BUDGET;
import static no.rusmonitor.report.Fixture.HOMELESS;
import static no.rusmonitor.report.Fixture.PLAN;
import static no.rusmonitor.report.Fixture.RESPONSE;
import static no.rusmonitor.report.ReportApi.analyst;
import static no.rusmonitor.report.ReportApi.draft;
import static no.rusmonitor.report.ReportApi.national;
import static no.rusmonitor.report.ReportApi.profile;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * A report built from indicator events on the real broker shows the same numbers in HTML, in the text of
 * its PDF, in CSV and in JSON, in bokmål and English.
 */
@QuarkusTest
class ReportFormatsIT {

    @BeforeEach
    void indicatorsArrived() {
        Fixture.load();
    }

    @Test
    void theNationalReportsNumbersAgreeInEveryFormat() {
        JsonPath json = draft(national(2024), "json", "en").then().statusCode(200).extract().jsonPath();
        Map<String, String> html = Documents.htmlFigures(draft(national(2024), "html", "en").then().statusCode(200)
                .contentType(startsWith("text/html")).extract().asString());
        Map<String, CSVRecord> csv = Documents.csvFigures(draft(national(2024), "csv", "en").then().statusCode(200)
                .contentType(startsWith("text/csv")).extract().asString());
        byte[] pdf = draft(national(2024), "pdf", "en").then().statusCode(200).contentType("application/pdf").extract().asByteArray();
        String pdfText = Documents.pdfText(pdf);

        String plan = "goals.find { it.goal == '3' }.indicators.find { it.id == '" + PLAN + "' }";
        Map<String, Double> expected = Map.of(
                PLAN + "|country|NO|2024|value", json.getDouble(plan + ".value.value"),
                PLAN + "|country|NO|2023|value", json.getDouble(plan + ".previous.value"),
                PLAN + "|country|NO|2015|value", json.getDouble(plan + ".baseline.value"),
                PLAN + "|county|03|2024|value", json.getDouble(plan + ".counties.find { it.code == '03' }.value.value"),
                PLAN + "|county|11|2024|value", json.getDouble(plan + ".counties.find { it.code == '11' }.value.value"),
                PLAN + "|size_class|50000_and_over|2024|value", json.getDouble(plan + ".sizeClasses.find { it.sizeClass == '50000_and_over' }.value.value"),
                PLAN + "|country|NO|2024|spread_median", json.getDouble(plan + ".spread.median"),
                PLAN + "|country|NO|2024|spread_q1", json.getDouble(plan + ".spread.q1"),
                PLAN + "|country|NO|2024|spread_q3", json.getDouble(plan + ".spread.q3"),
                HOMELESS + "|country|NO|2024|value", json.getDouble("goals.find { it.goal == '4' }.indicators[0].value.value"));
        // The numbers the fixture produced (national as indicator-service computed; the spread over the shown municipalities).
        assertEquals(16.8, expected.get(PLAN + "|country|NO|2024|value"));
        assertEquals(15.2, expected.get(PLAN + "|country|NO|2023|value"));
        assertEquals(16.9, expected.get(PLAN + "|size_class|50000_and_over|2024|value"));
        assertEquals(17.9, expected.get(PLAN + "|country|NO|2024|spread_median"));
        assertEquals(16.5, expected.get(PLAN + "|country|NO|2024|spread_q1"));
        assertEquals(18.2, expected.get(PLAN + "|country|NO|2024|spread_q3"));
        assertEquals(14.0, expected.get(PLAN + "|country|NO|2015|value"), "the baseline is the fixture's 2015");
        assertEquals(15.1, expected.get(PLAN + "|county|03|2024|value"));
        assertEquals(18.4, expected.get(PLAN + "|county|11|2024|value"));
        assertEquals(9.6, expected.get(HOMELESS + "|country|NO|2024|value"));

        for (Map.Entry<String, Double> e : expected.entrySet()) {
            assertEquals(en(e.getValue()), html.get(e.getKey()), "HTML " + e.getKey());
            assertNotNull(csv.get(e.getKey()), "CSV has " + e.getKey());
            assertEquals(e.getValue(), Double.parseDouble(csv.get(e.getKey()).get("value")), "CSV " + e.getKey());
            assertTrue(pdfText.contains(en(e.getValue())), "PDF shows " + e.getKey() + " = " + en(e.getValue()));
        }
        // Rows of the county table read in the PDF the way they do in the HTML.
        assertTrue(lines(pdfText).stream().anyMatch(l -> l.startsWith("Rogaland 18.4")), pdfText);
        assertTrue(lines(pdfText).stream().anyMatch(l -> l.startsWith("Oslo 15.1")), pdfText);
        // The change since last year, computed from the rounded values, agrees too.
        assertEquals("+1.6", html.get(PLAN + "|country|NO|2024|change"));
        assertEquals(1.6, Double.parseDouble(csv.get(PLAN + "|country|NO|2024|change").get("value")));
        assertTrue(pdfText.contains("+1.6"));
        // Every number the HTML shows is a CSV row, the change since 2015 and a size class's municipalities too.
        assertEquals("+2.8", html.get(PLAN + "|country|NO|2024|change_since_baseline"), "16.8 against 14.0 in 2015");
        assertEquals(2.8, Double.parseDouble(csv.get(PLAN + "|country|NO|2024|change_since_baseline").get("value")), 1e-9);
        String large = PLAN + "|size_class|50000_and_over|2024|municipalities";
        assertEquals(json.getInt(plan + ".sizeClasses.find { it.sizeClass == '50000_and_over' }.municipalities"), Integer.parseInt(html.get(large)));
        assertEquals(Double.parseDouble(html.get(large)), Double.parseDouble(csv.get(large).get("value")));
        assertEquals(48.2, json.getDouble("responseRate.rate.value"));
        assertEquals(172, json.getInt("responseRate.reporting"));
        assertEquals(357, json.getInt("responseRate.expected"));
        assertTrue(pdfText.contains("48.2 %"), "PDF has the response rate");
    }

    @Test
    void theSummarySaysWhatImprovedAndWhatGotWorseFromTheNumbers() {
        JsonPath json = draft(national(2024), "json", "en").then().statusCode(200).extract().jsonPath();
        assertEquals(2023, json.getInt("summary.previousYear"));
        assertTrue(json.getList("summary.improved.indicatorId").contains(PLAN));
        assertTrue(json.getList("summary.improved.indicatorId").contains(RESPONSE));
        assertEquals(List.of(HOMELESS), json.getList("summary.worsened.indicatorId"));
        assertEquals(List.of(BUDGET), json.getList("summary.changed.indicatorId"));
        assertEquals("fell", json.getString("summary.changed[0].direction"));
        assertEquals(0.6f, json.getFloat("summary.worsened[0].change"));
        String html = draft(national(2024), "html", "en").then().extract().asString();
        assertTrue(html.contains("Share of users without a home of their own: got worse from 9.0 to 9.6 (+0.6)"), html);
        String norsk = draft(national(2024), "html", "nb").then().extract().asString();
        assertTrue(norsk.contains("Andel brukere uten egen bolig: ble verre fra 9,0 til 9,6 (+0,6)"));
    }

    @Test
    void theFirstYearSaysThereIsNothingToCompareWith() {
        String first = draft(national(2015), "html", "en").then().statusCode(200).extract().asString();
        assertTrue(first.contains("Nothing to compare with last year."), "2015 is the first year of the series");
        assertFalse(first.contains("not comparable"), "no count of indicators that could not be compared with 2014");
        assertFalse(draft(national(2024), "html", "en").then().extract().asString().contains("Nothing to compare"));
    }

    @Test
    void bokmaalAndEnglishByParameterOrAcceptLanguage() {
        String nbHtml = analyst().get(national(2024) + ".html").then().statusCode(200).header("Content-Language", "nb").extract().asString();
        assertTrue(nbHtml.contains("Statusrapport for opptrappingsplanen for rusfeltet 2024"));
        assertTrue(nbHtml.contains(">" + nb(16.8) + "<"), "decimal comma in bokmål");
        String enHtml = analyst().header("Accept-Language", "en-GB,en;q=0.9,nb;q=0.5").get(national(2024) + ".html").then().statusCode(200)
                .header("Content-Language", "en").extract().asString();
        assertTrue(enHtml.contains("Status report on the escalation plan for the substance-abuse field, 2024"));
        assertTrue(Documents.pdfText(draft(national(2024), "pdf", "nb").then().extract().asByteArray())
                .contains("Andel brukere med individuell plan"));
        analyst().header("Accept-Language", "nn-NO").get(national(2024) + ".json").then().statusCode(200).body("lang", equalTo("nb"));
        analyst().queryParam("lang", "en").header("Accept-Language", "nb").get(national(2024) + ".json").then().body("lang", equalTo("en"))
                .body("goals.find { it.goal == '3' }.title", equalTo("Goal 3: Accessible, varied and holistic services"));
        String csv = draft(national(2024), "csv", "nb").then().extract().asString();
        assertTrue(csv.contains("Andel brukere med individuell plan"));
        assertTrue(csv.startsWith("indicator_id,indicator,unit,area_level,area_code,area_name,year,measure,value,flag"));
    }

    @Test
    void theFormatFollowsTheAcceptHeaderWhenThereIsNoExtension() {
        analyst().accept("text/html").get(national(2024)).then().statusCode(200).contentType(startsWith("text/html"));
        analyst().accept("application/pdf").get(national(2024)).then().statusCode(200).contentType("application/pdf");
        analyst().accept("text/csv").get(national(2024)).then().statusCode(200).contentType(startsWith("text/csv"));
        analyst().accept("application/json").get(national(2024)).then().statusCode(200).contentType(startsWith("application/json"))
                .body("kind", equalTo("national"));
        analyst().accept("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8").get(national(2024)).then()
                .contentType(startsWith("text/html"));
        analyst().accept("application/pdf;q=0.5, text/csv").get(national(2024)).then().contentType(startsWith("text/csv"));
    }

    @Test
    void chartsAreDrawnIntoTheHtmlAndThePdf() {
        String html = draft(national(2024), "html", "en").then().extract().asString();
        String plan = html.substring(html.indexOf("id=\"" + PLAN + "\""), html.indexOf("id=\"" + HOMELESS + "\""));
        assertEquals(3, plan.split("<svg", -1).length - 1, "a trend, a county and a spread chart");
        int svgs = html.split("<svg", -1).length - 1;
        assertTrue(svgs >= 8, "a trend chart for every indicator, got " + svgs);
        // A screen reader reads the table beside each chart, not the chart's stray tick labels.
        assertEquals(svgs, html.split("<div class=\"chart\" aria-hidden=\"true\"><svg", -1).length - 1,
                "every chart is hidden from assistive technology");
        byte[] pdf = draft(national(2024), "pdf", "en").then().extract().asByteArray();
        assertTrue(Documents.pdfPages(pdf) >= 2);
        assertEquals(svgs, Documents.pdfDrawings(pdf), "the PDF draws every chart the page shows");
    }

    @Test
    void aMunicipalityProfileShowsItsValuesNextToCountySizeClassAndCountryInEveryFormat() {
        JsonPath json = draft(profile("4601", 2024), "json", "en").then().statusCode(200).extract().jsonPath();
        assertEquals("Bergen", json.getString("name"));
        assertEquals("46", json.getString("countyCode"));
        assertEquals("50000_and_over", json.getString("sizeClass"));
        String plan = "goals.find { it.goal == '3' }.indicators.find { it.id == '" + PLAN + "' }";
        assertEquals(17.9, json.getDouble(plan + ".value.value"));
        assertEquals("secondary", json.getString(plan + ".county.flag"));
        assertEquals(16.9, json.getDouble(plan + ".sizeClass.value"));
        assertEquals(16.8, json.getDouble(plan + ".country.value"));
        assertEquals(2, json.getInt(plan + ".submissionVersion"));
        assertEquals(13.0, json.getDouble(plan + ".trend.find { it.year == 2015 }.cell.value"));
        assertEquals(16.5, json.getDouble(plan + ".trend.find { it.year == 2023 }.cell.value"));
        assertEquals("missing", json.getString(plan + ".trend.find { it.year == 2016 }.cell.flag"));

        Map<String, String> html = Documents.htmlFigures(draft(profile("4601", 2024), "html", "en").then().extract().asString());
        Map<String, CSVRecord> csv = Documents.csvFigures(draft(profile("4601", 2024), "csv", "en").then().extract().asString());
        String pdf = Documents.pdfText(draft(profile("4601", 2024), "pdf", "en").then().statusCode(200).extract().asByteArray());
        for (String key : List.of(PLAN + "|municipality|4601|2024|value", PLAN + "|municipality|4601|2015|value",
                PLAN + "|municipality|4601|2023|value", PLAN + "|size_class|50000_and_over|2024|value", PLAN + "|country|NO|2024|value",
                PLAN + "|country|NO|2015|value", PLAN + "|country|NO|2023|value")) { // the country's trend as well as its year
            String shown = html.get(key);
            assertNotNull(shown, key);
            assertEquals(Double.parseDouble(shown), Double.parseDouble(csv.get(key).get("value")), key);
            assertTrue(pdf.contains(shown), "PDF shows " + key);
        }
        assertEquals(":", html.get(PLAN + "|county|46|2024|value"));
        assertEquals(":", csv.get(PLAN + "|county|46|2024|value").get("flag"));
    }

    @Test
    void aProfileListsWhatIsWithheldOrMissingAndWhy() {
        JsonPath json = draft(profile("4602", 2024), "json", "en").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(PLAN), json.getList("suppressed.indicatorId"));
        assertEquals("primary", json.getString("suppressed[0].reason"));
        assertTrue(json.getList("missing.indicatorId").contains(HOMELESS));
        assertEquals("not_reported", json.getString("missing.find { it.indicatorId == '" + HOMELESS + "' }.reason"));
        String plan = "goals.find { it.goal == '3' }.indicators.find { it.id == '" + PLAN + "' }";
        assertEquals("split_before_today", json.getString(plan + ".trend.find { it.year == 2015 }.cell.missingReason"));
        String html = draft(profile("4602", 2024), "html", "en").then().extract().asString();
        assertTrue(html.contains("withheld: built on fewer than 5 persons"));
        assertTrue(html.contains("not reported"));
    }

    private static List<String> lines(String text) {
        List<String> lines = new ArrayList<>();
        for (String l : text.split("\\R")) {
            lines.add(l.trim());
        }
        return lines;
    }

}
