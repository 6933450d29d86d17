package no.rusmonitor.indicator.stream;

import java.util.Set;

import no.rusmonitor.indicator.compute.Borders;
import no.rusmonitor.indicator.compute.Level;

/** Which changes a subscriber wants; an empty set lets everything through on that dimension. */
public record StreamFilter(Set<String> indicators, Set<String> goals, Set<String> areas, Set<Level> levels, Set<Borders> borders,
        Set<Integer> years) {

    public static final StreamFilter ALL = new StreamFilter(Set.of(), Set.of(), Set.of(), Set.of(), Set.of(), Set.of());

    public boolean matches(Change change) {
        return matches(change.indicatorId(), change.goal(), change.areaCode(), change.level().name(), change.borders().code(), change.year());
    }

    /**
     * The same test on a change log row's columns ({@code level} and {@code borders} as stored): a page read for
     * a subscriber behind the window decodes only the rows it lets through.
     */
    public boolean matches(String indicatorId, String goal, String areaCode, String level, String borders, int year) {
        return (indicators.isEmpty() || indicators.contains(indicatorId))
                && (goals.isEmpty() || goals.contains(goal))
                && (areas.isEmpty() || areas.contains(areaCode))
                && (levels.isEmpty() || levels.stream().anyMatch(l -> l.name().equals(level)))
                && (this.borders.isEmpty() || this.borders.stream().anyMatch(b -> b.code().equals(borders)))
                && (years.isEmpty() || years.contains(year));
    }
}
