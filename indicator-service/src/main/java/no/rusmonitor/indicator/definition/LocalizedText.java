package no.rusmonitor.indicator.definition;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A text in Norwegian (bokmål) and English. Without control characters: a name or description is one line on
 * a dashboard or in a report, and PostgreSQL cannot store U+0000 at all.
 */
public record LocalizedText(
        @NotBlank @Size(max = 300) @Pattern(regexp = LocalizedText.NO_CONTROLS, message = LocalizedText.NO_CONTROLS_MESSAGE) String nb,
        @NotBlank @Size(max = 300) @Pattern(regexp = LocalizedText.NO_CONTROLS, message = LocalizedText.NO_CONTROLS_MESSAGE) String en) {

    /** No C0 or C1 control character, nor DEL. */
    static final String NO_CONTROLS = "[^\\p{Cntrl}\\x{80}-\\x{9F}]*";
    static final String NO_CONTROLS_MESSAGE = "must not contain control characters";
}
