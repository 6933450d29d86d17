package no.rusmonitor.report.report;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** The national status report for one year. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({ "kind", "key", "title", "year", "lang", "unsuppressed", "publication", "dataAsOf", "responseRate", "summary", "goals" })
public record NationalReport(String key, String title, int year, String lang, boolean unsuppressed, Publication publication,
        Instant dataAsOf, ResponseRate responseRate, Summary summary, List<NationalGoal> goals) implements Report {

    public static final String KIND = "national";

    @Override
    @com.fasterxml.jackson.annotation.JsonProperty("kind")
    public String kind() {
        return KIND;
    }

    public NationalReport withGoals(List<NationalGoal> drawn) {
        return new NationalReport(key, title, year, lang, unsuppressed, publication, dataAsOf, responseRate, summary, drawn);
    }

    public NationalReport published(Publication at) {
        return new NationalReport(key, title, year, lang, unsuppressed, at, dataAsOf, responseRate, summary, goals);
    }

    @Override
    @JsonIgnore
    public List<Figure> figures() {
        List<Figure> figures = new ArrayList<>();
        for (NationalGoal goal : goals) {
            for (NationalIndicator i : goal.indicators()) {
                for (YearCell point : i.trend()) {
                    figures.add(Figure.of(i.id(), i.name(), i.unit(), "country", "NO", Names.country(lang), point.year(), "value", point.cell()));
                }
                figures.add(Figure.number(i.id(), i.name(), i.unit(), "country", "NO", Names.country(lang), year, "change", i.change()));
                figures.add(Figure.number(i.id(), i.name(), i.unit(), "country", "NO", Names.country(lang), year, "change_since_baseline",
                        i.changeSinceBaseline()));
                figures.add(Figure.number(i.id(), i.name(), i.unit(), "country", "NO", Names.country(lang), year, "reporting", i.reporting()));
                figures.add(Figure.number(i.id(), i.name(), i.unit(), "country", "NO", Names.country(lang), year, "expected", i.expected()));
                spread(figures, i, "country", "NO", Names.country(lang), i.spread());
                for (SizeClassRow s : i.sizeClasses()) {
                    figures.add(Figure.of(i.id(), i.name(), i.unit(), "size_class", s.sizeClass(), s.label(), year, "value", s.value()));
                    figures.add(Figure.number(i.id(), i.name(), i.unit(), "size_class", s.sizeClass(), s.label(), year, "municipalities",
                            s.municipalities()));
                }
                for (CountyRow c : i.counties()) {
                    figures.add(Figure.of(i.id(), i.name(), i.unit(), "county", c.code(), c.name(), year, "value", c.value()));
                    figures.add(Figure.number(i.id(), i.name(), i.unit(), "county", c.code(), c.name(), year, "reporting", c.reporting()));
                    figures.add(Figure.number(i.id(), i.name(), i.unit(), "county", c.code(), c.name(), year, "expected", c.expected()));
                    spread(figures, i, "county", c.code(), c.name(), c.spread());
                }
            }
        }
        return figures;
    }

    private void spread(List<Figure> figures, NationalIndicator i, String level, String code, String name, SpreadStats s) {
        String[] measures = { "spread_count", "spread_min", "spread_q1", "spread_median", "spread_q3", "spread_max" };
        Number[] values = s == null ? new Number[6] : new Number[] { s.count(), s.min(), s.q1(), s.median(), s.q3(), s.max() };
        for (int k = 0; k < measures.length; k++) {
            figures.add(Figure.number(i.id(), i.name(), i.unit(), level, code, name, year, measures[k], values[k]));
        }
    }
}
