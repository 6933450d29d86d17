package no.rusmonitor.indicator.values;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.smallrye.mutiny.Uni;
import no.rusmonitor.indicator.compute.Borders;
import no.rusmonitor.indicator.compute.Geography;
import no.rusmonitor.indicator.compute.Level;
import no.rusmonitor.indicator.compute.YearGeography;
import no.rusmonitor.indicator.definition.DefinitionService;
import no.rusmonitor.indicator.definition.IndicatorDefinition;
import no.rusmonitor.indicator.engine.StoredValue;
import no.rusmonitor.platform.problem.ApiException;
import no.rusmonitor.platform.problem.Issue;
import no.rusmonitor.platform.request.YearParameter;
import no.rusmonitor.reference.MunicipalityCatalogue;

/**
 * Values for readers: a series (one indicator, one level, some or all areas, a range of years) or an
 * area's indicators for a year. Every area that existed in a year gets a row, so a year nobody has
 * reported for is there as missing ({@code ..}), not absent; and readers who are not analysts get the
 * public view.
 */
@ApplicationScoped
public class ValueService {

    /** A series: the indicator, what was asked for, and the values in area, year order. */
    public record Series(IndicatorDefinition indicator, Level level, Borders borders, int from, int to, boolean analystView,
            List<String> areas, Map<String, String> areaNames, List<Integer> years, List<ValueView> values) {
    }

    /** An area's indicators for a year. */
    public record AreaYear(Level level, String areaCode, String areaName, Borders borders, int year, boolean analystView,
            List<IndicatorDefinition> indicators, List<ValueView> values) {
    }

    private final ValueQueries queries;
    private final DefinitionService definitions;
    private final Geography geography;

    @Inject
    public ValueService(ValueQueries queries, DefinitionService definitions, Geography geography) {
        this.queries = queries;
        this.definitions = definitions;
        this.geography = geography;
    }

    public Uni<Series> series(String indicatorId, String levelText, String bordersText, String fromYear, String toYear, List<String> areaParams,
            boolean analyst) {
        List<Issue> issues = new ArrayList<>();
        Level level = level(levelText == null ? "country" : levelText, issues);
        Borders borders = borders(bordersText, issues);
        int from = year(fromYear, MunicipalityCatalogue.FIRST_YEAR, "/from", issues);
        int to = year(toYear, MunicipalityCatalogue.LAST_YEAR, "/to", issues);
        if (issues.isEmpty() && from > to) {
            issues.add(Issue.error("/from", "invalid", "from must not be after to."));
        }
        List<String> areas = new ArrayList<>(split(areaParams));
        if (issues.isEmpty()) {
            for (String area : areas) {
                boolean exists = false;
                for (int y = from; y <= to && !exists; y++) {
                    exists = geography.year(y).areaName(level, borders, area) != null;
                }
                if (!exists) {
                    issues.add(Issue.error("/area", "unknown_area", "There is no " + level + " " + Issue.quote(area) + " on "
                            + borders.code() + " borders in " + from + "-" + to + "."));
                }
            }
        }
        if (!issues.isEmpty()) {
            throw ApiException.badRequest("invalid-request", "The query is invalid.", issues);
        }
        return definitions.current(indicatorId).flatMap(definition -> queries.series(indicatorId, level, borders, from, to, areas)
                .map(stored -> {
                    Map<String, StoredValue> byCell = new HashMap<>();
                    stored.forEach(s -> byCell.put(s.value().key().areaCode() + "|" + s.value().key().year(), s));
                    Set<String> areaSet = new TreeSet<>();
                    Map<String, String> names = new LinkedHashMap<>();
                    List<Integer> years = new ArrayList<>();
                    for (int y = from; y <= to; y++) {
                        years.add(y);
                        YearGeography geo = geography.year(y);
                        for (String code : areas.isEmpty() ? geo.areaCodes(level, borders) : areas) {
                            String name = geo.areaName(level, borders, code);
                            if (name != null) {
                                areaSet.add(code);
                                names.put(code, name);
                            }
                        }
                    }
                    List<ValueView> values = new ArrayList<>();
                    for (String code : areaSet) {
                        for (int y : years) {
                            StoredValue s = byCell.get(code + "|" + y);
                            String name = geography.year(y).areaName(level, borders, code);
                            if (s != null) {
                                values.add(view(ValueView.of(s), analyst));
                            } else if (name != null) {
                                values.add(ValueView.notReported(definition.id(), definition.version(), definition.goal(), definition.unit(), y,
                                        level, code, name, borders, definition.factor()));
                            }
                        }
                    }
                    return new Series(definition, level, borders, from, to, analyst, List.copyOf(areaSet), names, years, values);
                }));
    }

    public Uni<AreaYear> area(String levelText, String code, String bordersText, String yearText, boolean analyst) {
        List<Issue> issues = new ArrayList<>();
        Level level = level(levelText, issues);
        Borders borders = borders(bordersText, issues);
        if (yearText == null || yearText.isBlank()) {
            issues.add(Issue.error("/year", "required", "year is required."));
        }
        int year = year(yearText, MunicipalityCatalogue.LAST_YEAR, "/year", issues);
        if (!issues.isEmpty()) {
            throw ApiException.badRequest("invalid-request", "The query is invalid.", issues);
        }
        String name = geography.year(year).areaName(level, borders, code);
        if (name == null) {
            throw ApiException.notFound("There is no " + level + " " + Issue.quote(code) + " on " + borders.code() + " borders in " + year + ".");
        }
        return definitions.catalogue().flatMap(catalogue -> queries.area(level, code, borders, year).map(stored -> {
            Map<String, StoredValue> byIndicator = new HashMap<>();
            stored.forEach(s -> byIndicator.put(s.value().key().indicatorId(), s));
            List<ValueView> values = new ArrayList<>();
            for (IndicatorDefinition d : catalogue) {
                StoredValue s = byIndicator.get(d.id());
                values.add(s != null ? view(ValueView.of(s), analyst)
                        : ValueView.notReported(d.id(), d.version(), d.goal(), d.unit(), year, level, code, name, borders, d.factor()));
            }
            return new AreaYear(level, code, name, borders, year, analyst, catalogue, values);
        }));
    }

    private static ValueView view(ValueView raw, boolean analyst) {
        return analyst ? raw : raw.publicView();
    }

    private static Level level(String text, List<Issue> issues) {
        try {
            return Level.parse(text);
        } catch (IllegalArgumentException e) {
            issues.add(Issue.error("/level", "invalid", "level must be municipality, county or country."));
            return Level.country;
        }
    }

    private static Borders borders(String text, List<Issue> issues) {
        if (text == null || text.isBlank()) {
            return Borders.AS_REPORTED;
        }
        try {
            return Borders.parse(text);
        } catch (IllegalArgumentException e) {
            issues.add(Issue.error("/borders", "invalid", "borders must be as_reported or 2024."));
            return Borders.AS_REPORTED;
        }
    }

    private int year(String text, int fallback, String pointer, List<Issue> issues) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        OptionalInt year = YearParameter.parse(text, MunicipalityCatalogue.FIRST_YEAR, MunicipalityCatalogue.LAST_YEAR);
        if (year.isPresent()) {
            return year.getAsInt();
        }
        issues.add(Issue.error(pointer, "invalid", "A year from " + MunicipalityCatalogue.FIRST_YEAR + " to "
                + MunicipalityCatalogue.LAST_YEAR + " is expected."));
        return fallback;
    }

    private static Set<String> split(List<String> params) {
        Set<String> result = new LinkedHashSet<>();
        if (params != null) {
            for (String param : params) {
                for (String part : param.split(",")) {
                    if (!part.isBlank()) {
                        result.add(part.trim());
                    }
                }
            }
        }
        return result;
    }
}
