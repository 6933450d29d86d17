package no.rusmonitor.indicator.definition;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/** One published version of an indicator definition, as the API shows it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IndicatorDefinition(String id, int version, LocalizedText name, LocalizedText description, String goal, String unit,
        int decimals, String numerator, String denominator, double factor, Aggregation aggregation, List<PersonCountPart> personCounts,
        String publishedFigure, Instant publishedAt, String publishedBy) {

    public static IndicatorDefinition of(String id, int version, DefinitionContent c, Instant publishedAt, String publishedBy) {
        return new IndicatorDefinition(id, version, c.name(), c.description(), c.goal(), c.unit(), c.decimalsOrDefault(),
                c.numerator(), c.denominator(), c.factor(), c.aggregation(), c.personCountParts(), c.publishedFigure(),
                publishedAt, publishedBy);
    }
}
