package no.rusmonitor.report.publish;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import no.rusmonitor.platform.problem.ApiException;
import no.rusmonitor.report.readmodel.IndicatorValue;

class DefinitionChangeoverTest {

    private static final String SHARE = "goal3.individual_plan_share";
    private static final String HOMES = "goal4.homeless_per_1k";

    @Test
    void indicatorsEachOnOneVersionAreSettledWhateverTheOthersName() {
        assertDoesNotThrow(() -> DefinitionChangeover.requireSettled(List.of(value(SHARE, 2023, 3), value(SHARE, 2024, 3),
                value(HOMES, 2023, 1), value(HOMES, 2024, 1))));
        assertDoesNotThrow(() -> DefinitionChangeover.requireSettled(List.of()));
    }

    @Test
    void anIndicatorHalfwayToItsNextVersionIsRefusedWithWhatHasArrived() {
        ApiException refused = assertThrows(ApiException.class, () -> DefinitionChangeover.requireSettled(List.of(
                value(HOMES, 2024, 1), value(SHARE, 2022, 2), value(SHARE, 2023, 3), value(SHARE, 2024, 3))));
        assertEquals(409, refused.problem().status());
        assertEquals(2, refused.retryAfterSeconds());
        assertEquals("Indicator " + SHARE + " is being recomputed under its definition version 3: 2 of the 3 values this report reads have "
                + "arrived, the other 1 still name version 2. A published version is kept as it is for good, so publish again in a moment.",
                refused.problem().detail());
    }

    @Test
    void threeVersionsAtOnceNameTheOlderOnesTogether() {
        ApiException refused = assertThrows(ApiException.class, () -> DefinitionChangeover.requireSettled(List.of(
                value(SHARE, 2022, 1), value(SHARE, 2023, 2), value(SHARE, 2024, 3))));
        assertTrue(refused.problem().detail().contains("1 of the 3 values this report reads have arrived, the other 2 still name older versions"));
    }

    private static IndicatorValue value(String indicator, int year, int definitionVersion) {
        return new IndicatorValue(indicator, "country", "NO", "as_reported", year, 1, definitionVersion, "3", "percent", "Norge", "ok", null,
                10.0, 10.0, 100.0, 100.0, null, "none", 1, 1, null, null, null, null);
    }
}
