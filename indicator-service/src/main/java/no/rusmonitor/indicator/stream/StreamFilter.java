package no.rusmonitor.indicator.stream;

import java.util.Set;

import no.rusmonitor.indicator.compute.Borders;
import no.rusmonitor.indicator.compute.Level;

/** Which changes a subscriber wants; an empty set lets everything through on that dimension. */
public record StreamFilter(Set<String> indicators, Set<String> goals, Set<String> areas, Set<Level> levels, Set<Borders> borders,
        Set<Integer> years) {

    public static final StreamFilter ALL = new StreamFilter(Set.of(), Set.of(), Set.of(), Set.of(), Set.of(), Set.of());

    public boolean matches(Change change) {
        return (indicators.isEmpty() || indicators.contains(change.indicatorId()))
                && (goals.isEmpty() || goals.contains(change.goal()))
                && (areas.isEmpty() || areas.contains(change.areaCode()))
                && (levels.isEmpty() || levels.contains(change.level()))
                && (borders.isEmpty() || borders.contains(change.borders()))
                && (years.isEmpty() || years.contains(change.year()));
    }

    /**
     * The same test on a change log row's columns, level and borders as stored ({@link Level#name()},
     * {@link Borders#code()}): a page read for a subscriber behind the window decodes only the rows it lets through.
     */
    public boolean matchesRow(String indicatorId, String goal, String areaCode, String levelName, String bordersCode, int year) {
        return (indicators.isEmpty() || indicators.contains(indicatorId))
                && (goals.isEmpty() || goals.contains(goal))
                && (areas.isEmpty() || areas.contains(areaCode))
                && (levels.isEmpty() || levels.stream().anyMatch(l -> l.name().equals(levelName)))
                && (borders.isEmpty() || borders.stream().anyMatch(b -> b.code().equals(bordersCode)))
                && (years.isEmpty() || years.contains(year));
    }
}
