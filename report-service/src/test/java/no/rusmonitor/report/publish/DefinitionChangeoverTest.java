package no.rusmonitor.report.publish;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import no.rusmonitor.platform.problem.ApiException;
import no.rusmonitor.report.catalogue.IndicatorDefinition;
import no.rusmonitor.report.catalogue.IndicatorDefinitions;
import no.rusmonitor.report.readmodel.IndicatorValue;

class DefinitionChangeoverTest {

    /** Both in the catalogue. */
    private static final String SHARE = "goal3.individual_plan_share";
    private static final String HOMES = "goal4.housing_units_per_1k";
    /** Not in the catalogue. */
    private static final String NEW = "goal4.not_in_the_catalogue";

    private static final IndicatorDefinitions SHARE_V2_V3 = definitions(SHARE, 2, 3);

    @Test
    void indicatorsEachOnOneVersionThatHasArrivedAreSettled() {
        assertDoesNotThrow(() -> DefinitionChangeover.requireSettled(List.of(value(SHARE, 2023, 3), value(SHARE, 2024, 3),
                value(HOMES, 2023, 1), value(HOMES, 2024, 1)), SHARE_V2_V3), "version 1 of a catalogued indicator has the catalogue's labels");
        assertDoesNotThrow(() -> DefinitionChangeover.requireSettled(List.of(value(NEW, 2024, 1)), definitions(NEW, 1)));
        assertDoesNotThrow(() -> DefinitionChangeover.requireSettled(List.of(), IndicatorDefinitions.NONE));
    }

    @Test
    void anIndicatorHalfwayToItsNextVersionIsRefusedWithWhatHasArrived() {
        ApiException refused = assertThrows(ApiException.class, () -> DefinitionChangeover.requireSettled(List.of(
                value(HOMES, 2024, 1), value(SHARE, 2022, 2), value(SHARE, 2023, 3), value(SHARE, 2024, 3)), SHARE_V2_V3));
        assertEquals(409, refused.problem().status());
        assertTrue(refused.problem().type().endsWith("indicator-recomputing"));
        assertEquals(2, refused.retryAfterSeconds());
        assertEquals("Indicator " + SHARE + " is being recomputed under its definition version 3: 2 of the 3 values this report reads have "
                + "arrived, the other 1 still name version 2. A published version is kept as it is for good, so publish again in a moment."
                + " If this lasts, tell an operator: report-service may have missed events.", refused.problem().detail());
    }

    @Test
    void threeVersionsAtOnceNameTheOlderOnesTogether() {
        ApiException refused = assertThrows(ApiException.class, () -> DefinitionChangeover.requireSettled(List.of(
                value(SHARE, 2022, 1), value(SHARE, 2023, 2), value(SHARE, 2024, 3)), SHARE_V2_V3));
        assertTrue(refused.problem().detail().contains("1 of the 3 values this report reads have arrived, the other 2 still name older versions"));
    }

    @Test
    void valuesNamingAVersionThatHasNotArrivedAreRefused() {
        for (IndicatorValue value : List.of(value(SHARE, 2024, 4), value(NEW, 2024, 1))) {
            ApiException refused = assertThrows(ApiException.class, () -> DefinitionChangeover.requireSettled(List.of(value), SHARE_V2_V3),
                    value.indicatorId() + " version " + value.definitionVersion());
            assertEquals(409, refused.problem().status());
            assertTrue(refused.problem().type().endsWith("definition-not-arrived"));
            assertEquals(2, refused.retryAfterSeconds());
            assertTrue(refused.problem().detail().startsWith("The values of indicator " + value.indicatorId() + " name its definition version "
                    + value.definitionVersion() + ", which has not reached report-service yet"), refused.problem().detail());
        }
    }

    private static IndicatorDefinitions definitions(String indicator, int... versions) {
        return new IndicatorDefinitions(Arrays.stream(versions)
                .mapToObj(v -> new IndicatorDefinition(indicator, v, "Navn", "Name", "percent", 1, "3", Instant.parse("2026-01-01T00:00:00Z")))
                .toList());
    }

    private static IndicatorValue value(String indicator, int year, int definitionVersion) {
        return new IndicatorValue(indicator, "country", "NO", "as_reported", year, 1, definitionVersion, "3", "percent", "Norge", "ok", null,
                10.0, 10.0, 100.0, 100.0, null, "none", 1, 1, null, null, null, null);
    }
}
