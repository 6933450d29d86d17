package no.rusmonitor.survey.definition;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * What an operator publishes for a year: the title and the questions. This is also the body of
 * {@code POST /api/surveys/{year}/versions} and what is stored for each version.
 */
public record DefinitionContent(
        @NotNull @Valid LocalizedText title,
        @NotEmpty @Size(max = 500) List<@NotNull @Valid Question> questions) {
}
