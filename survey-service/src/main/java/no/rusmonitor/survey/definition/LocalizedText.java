package no.rusmonitor.survey.definition;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** A text in Norwegian (bokmål) with English alongside. */
public record LocalizedText(@NotBlank @Size(max = 500) String nb, @NotBlank @Size(max = 500) String en) {
}
