package no.rusmonitor.report.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import no.rusmonitor.report.report.Figure;

class FigureDiffTest {

    private static Figure f(String area, String measure, Double value, String flag) {
        return new Figure("goal3.individual_plan_share", "Share", "percent", "county", area, area, 2024, measure, value, flag);
    }

    @Test
    void changedAddedAndRemovedNumbersAreListedAndEqualOnesAreNot() {
        List<FigureChange> changes = FigureDiff.between(
                List.of(f("03", "value", 15.0, null), f("11", "value", 18.4, null), f("46", "value", 21.7, null), f("50", "value", 1.0, null)),
                List.of(f("03", "value", 15.4, null), f("11", "value", 18.4, null), f("46", "value", null, ":"), f("34", "value", 2.0, null)));
        assertEquals(4, changes.size());
        FigureChange oslo = changes.get(0);
        assertEquals("changed", oslo.change());
        assertEquals(15.0, oslo.from());
        assertEquals(15.4, oslo.to());
        FigureChange withheld = changes.get(1);
        assertEquals("46", withheld.areaCode());
        assertEquals(":", withheld.toFlag());
        assertEquals("added", changes.get(2).change());
        assertEquals("removed", changes.get(3).change());
    }

    @Test
    void sameVersionsHaveNoDiff() {
        List<Figure> figures = List.of(f("03", "value", 15.0, null), f("03", "spread_max", null, ".."));
        assertEquals(List.of(), FigureDiff.between(figures, figures));
    }
}
