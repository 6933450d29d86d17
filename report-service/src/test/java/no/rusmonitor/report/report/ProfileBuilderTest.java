package no.rusmonitor.report.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import no.rusmonitor.reference.Municipality;
import no.rusmonitor.reference.MunicipalityCatalogue;
import no.rusmonitor.report.catalogue.IndicatorDefinitions;
import no.rusmonitor.report.readmodel.IndicatorValue;
import no.rusmonitor.report.readmodel.SizeClassValue;

class ProfileBuilderTest {

    private static final MunicipalityCatalogue CATALOGUE = MunicipalityCatalogue.load();
    private static final String SHARE = "goal3.individual_plan_share";
    private static final Instant AT = Instant.parse("2026-12-06T10:00:00Z");

    /**
     * Indre Østfold (3118) had five predecessors in 2019, each of 5,000-19,999 inhabitants; together they are in
     * the class 20,000-49,999. Its profile compares it with that class on today's borders, where it is counted,
     * not with the class as reported, which holds none of its predecessors.
     */
    @Test
    void aMergedMunicipalityIsComparedWithItsSizeClassOnTodaysBorders() {
        Municipality indreOstfold = CATALOGUE.find("3118", 2024).orElseThrow();
        List<IndicatorValue> rows = List.of(
                value("municipality", "3118", IndicatorValue.TODAY, 25.0, null),
                value("country", "NO", IndicatorValue.AS_REPORTED, 20.0, classes(11.0)),
                value("country", "NO", IndicatorValue.TODAY, 20.0, classes(24.0)));
        MunicipalityProfile profile = ProfileBuilder.build(indreOstfold, 2019, "nb", false, rows, CATALOGUE, IndicatorDefinitions.NONE);
        assertEquals("20000_49999", profile.sizeClass());
        ProfileIndicator share = profile.goals().stream().flatMap(g -> g.indicators().stream()).filter(i -> i.id().equals(SHARE))
                .findFirst().orElseThrow();
        assertEquals(24.0, share.sizeClass().value());
        assertEquals(20.0, share.country().value());
    }

    private static List<SizeClassValue> classes(double value) {
        return List.of(new SizeClassValue("20000_49999", value, value, 100.0, 12, "none"));
    }

    private static IndicatorValue value(String level, String code, String borders, double value, List<SizeClassValue> classes) {
        return new IndicatorValue(SHARE, level, code, borders, 2019, 1, 1, "3", "percent", code, "ok", null, value, value, 100.0, 100.0,
                100.0, "none", null, null, null, classes, null, AT);
    }
}
