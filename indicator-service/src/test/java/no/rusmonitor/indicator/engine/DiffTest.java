package no.rusmonitor.indicator.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import no.rusmonitor.indicator.compute.Borders;
import no.rusmonitor.indicator.compute.ComputedValue;
import no.rusmonitor.indicator.compute.Level;
import no.rusmonitor.indicator.compute.Status;
import no.rusmonitor.indicator.compute.Suppression;
import no.rusmonitor.indicator.compute.ValueKey;

/** The comparison of recomputed values with the stored ones, by position and by key. */
class DiffTest {

    private static final Instant BEFORE = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant NOW = Instant.parse("2026-02-01T00:00:00Z");

    private static ComputedValue value(String code, double figure, Integer submissionVersion) {
        return value(code, figure, submissionVersion, 1);
    }

    private static ComputedValue value(String code, double figure, Integer submissionVersion, int definitionVersion) {
        return new ComputedValue(new ValueKey("goal3.plan", Level.municipality, code, Borders.AS_REPORTED, 2024), definitionVersion, "goal3",
                "percent", "Area " + code, Status.ok, null, figure, figure, 100.0, 100.0, figure, Suppression.none, null, null, null, null,
                null, submissionVersion);
    }

    private static Map<ValueKey, StoredValue> byKey(List<StoredValue> stored) {
        Map<ValueKey, StoredValue> map = new HashMap<>();
        stored.forEach(s -> map.put(s.value().key(), s));
        return map;
    }

    @Test
    void writesOnlyWhatMovedAndReturnsTheValuesAsStoredInOrder() {
        List<StoredValue> stored = List.of(new StoredValue(value("0301", 10, 1), 3, BEFORE), new StoredValue(value("1103", 20, 1), 1, BEFORE),
                new StoredValue(value("4601", 30, 1), 2, BEFORE), new StoredValue(value("5001", 40, 1), 4, BEFORE));
        List<ComputedValue> computed = List.of(value("0301", 10, 1), value("1103", 21, 2), value("4601", 30, 1, 2), value("5001", 40, 2));

        for (List<StoredValue> previous : java.util.Arrays.asList(stored, null)) {
            List<ValueWrite> writes = new ArrayList<>();
            List<StoredValue> after = Diff.into(writes, byKey(stored), previous, computed, NOW);

            assertEquals(2, writes.size(), "the unchanged values are left alone");
            assertTrue(writes.get(0).changed(), "a new figure is published");
            assertEquals(2, writes.get(0).stored().revision(), "with the next revision");
            assertTrue(writes.get(1).changed(), "a new definition version with the same figures is published: consumers show it under it");
            assertEquals(3, writes.get(1).stored().revision(), "with the next revision");
            assertSame(stored.get(0), after.get(0), "what was not written is still what is stored");
            assertSame(writes.get(0).stored(), after.get(1));
            assertSame(writes.get(1).stored(), after.get(2));
            assertSame(stored.get(3), after.get(3), "a moved submission version alone is not stored: the answers name it");
        }
    }

    @Test
    void aListThatDoesNotLineUpIsNotTrusted() {
        StoredValue oslo = new StoredValue(value("0301", 10, 1), 3, BEFORE);
        StoredValue bergen = new StoredValue(value("4601", 30, 1), 2, BEFORE);
        List<ComputedValue> computed = List.of(value("0301", 10, 1), value("4601", 30, 1));

        List<ValueWrite> writes = new ArrayList<>();
        List<StoredValue> after = Diff.into(writes, byKey(List.of(oslo, bergen)), List.of(bergen, oslo), computed, NOW);

        assertTrue(writes.isEmpty(), "each value is compared with its own stored value, found by key");
        assertSame(oslo, after.get(0));
        assertSame(bergen, after.get(1));
    }

    @Test
    void aValueNeverStoredIsPublishedOnlyWhenItHasAFigure() {
        List<ValueWrite> writes = new ArrayList<>();
        ComputedValue missing = new ComputedValue(new ValueKey("goal3.plan", Level.municipality, "5001", Borders.AS_REPORTED, 2024), 1,
                "goal3", "percent", "Trondheim", Status.missing, null, null, null, null, 100.0, null, Suppression.none, null, null, null,
                null, null, null);
        Diff.into(writes, Map.of(), null, List.of(value("0301", 10, 1), missing), NOW);

        assertTrue(writes.get(0).changed());
        assertEquals(1, writes.get(0).stored().revision());
        assertFalse(writes.get(1).changed());
        assertEquals(0, writes.get(1).stored().revision());
    }

    private static ComputedValue missing(String code, int definitionVersion) {
        return missing(code, definitionVersion, "goal3", "percent", 100.0, null);
    }

    private static ComputedValue missing(String code, int definitionVersion, String goal, String unit, double factor, Integer reporting) {
        return new ComputedValue(new ValueKey("goal3.plan", Level.municipality, code, Borders.AS_REPORTED, 2024), definitionVersion,
                goal, unit, "Area " + code, Status.missing, null, null, null, null, factor, null, Suppression.none, reporting, null, null,
                null, null, null);
    }

    @Test
    void aNewVersionsGoalUnitOrFactorIsNoChangeToAValueNeverPublished() {
        StoredValue stored = new StoredValue(missing("5001", 1), 0, BEFORE);
        for (ComputedValue recomputed : List.of(missing("5001", 2, "goal3", "per_10k", 10_000.0, null), missing("5001", 2, "goal4", "percent", 100.0, null))) {
            List<ValueWrite> writes = new ArrayList<>();
            Diff.into(writes, byKey(List.of(stored)), List.of(stored), List.of(recomputed), NOW);

            assertEquals(1, writes.size(), "stored under the new version");
            assertFalse(writes.get(0).changed(), "not published: still nothing to show");
            assertEquals(0, writes.get(0).stored().revision());
        }
    }

    @Test
    void aValueNeverPublishedIsPublishedWhenItsOwnFiguresMove() {
        StoredValue stored = new StoredValue(missing("5001", 1), 0, BEFORE);
        List<ValueWrite> writes = new ArrayList<>();
        Diff.into(writes, byKey(List.of(stored)), List.of(stored), List.of(missing("5001", 1, "goal3", "percent", 100.0, 3)), NOW);

        assertTrue(writes.get(0).changed(), "a figure of its own moved, as before");
        assertEquals(1, writes.get(0).stored().revision());
    }

    @Test
    void aValueNeverPublishedTakesANewDefinitionVersionQuietly() {
        StoredValue stored = new StoredValue(missing("5001", 1), 0, BEFORE);
        List<ValueWrite> writes = new ArrayList<>();
        Diff.into(writes, byKey(List.of(stored)), List.of(stored), List.of(missing("5001", 2)), NOW);

        assertEquals(1, writes.size(), "stored under the new version");
        assertFalse(writes.get(0).changed(), "but not published: no consumer has it");
        assertEquals(0, writes.get(0).stored().revision());
    }
}
