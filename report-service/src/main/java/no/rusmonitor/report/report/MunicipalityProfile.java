package no.rusmonitor.report.report;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** A municipality's profile for one year, on today's (2024) borders. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({ "kind", "key", "title", "year", "lang", "unsuppressed", "publication", "dataAsOf", "code", "name" })
public record MunicipalityProfile(String key, String title, int year, String lang, boolean unsuppressed, Publication publication,
        Instant dataAsOf, String code, String name, String countyCode, String countyName, String sizeClass, String sizeClassLabel,
        Long population, List<ProfileGoal> goals, List<Notice> suppressed, List<Notice> missing) implements Report {

    public static final String KIND = "municipality";

    @Override
    @com.fasterxml.jackson.annotation.JsonProperty("kind")
    public String kind() {
        return KIND;
    }

    public MunicipalityProfile withGoals(List<ProfileGoal> drawn) {
        return new MunicipalityProfile(key, title, year, lang, unsuppressed, publication, dataAsOf, code, name, countyCode, countyName,
                sizeClass, sizeClassLabel, population, drawn, suppressed, missing);
    }

    public MunicipalityProfile published(Publication at) {
        return new MunicipalityProfile(key, title, year, lang, unsuppressed, at, dataAsOf, code, name, countyCode, countyName,
                sizeClass, sizeClassLabel, population, goals, suppressed, missing);
    }

    @Override
    @JsonIgnore
    public List<Figure> figures() {
        List<Figure> figures = new ArrayList<>();
        for (ProfileGoal goal : goals) {
            for (ProfileIndicator i : goal.indicators()) {
                for (YearCell point : i.trend()) {
                    figures.add(Figure.of(i.id(), i.name(), i.unit(), "municipality", code, name, point.year(), "value", point.cell()));
                }
                figures.add(Figure.number(i.id(), i.name(), i.unit(), "municipality", code, name, year, "change", i.change()));
                figures.add(Figure.number(i.id(), i.name(), i.unit(), "municipality", code, name, year, "submission_version",
                        i.submissionVersion()));
                figures.add(Figure.of(i.id(), i.name(), i.unit(), "county", countyCode, countyName, year, "value", i.county()));
                figures.add(Figure.of(i.id(), i.name(), i.unit(), "size_class", sizeClass, sizeClassLabel, year, "value", i.sizeClass()));
                for (YearCell point : i.countryTrend()) { // the report's year is the country's column of the table
                    figures.add(Figure.of(i.id(), i.name(), i.unit(), "country", "NO", Names.country(lang), point.year(), "value", point.cell()));
                }
            }
        }
        return figures;
    }
}
