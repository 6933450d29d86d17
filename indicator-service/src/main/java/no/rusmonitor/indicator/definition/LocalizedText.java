package no.rusmonitor.indicator.definition;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** A text in Norwegian (bokmål) and English. */
public record LocalizedText(@NotBlank @Size(max = 300) String nb, @NotBlank @Size(max = 300) String en) {
}
