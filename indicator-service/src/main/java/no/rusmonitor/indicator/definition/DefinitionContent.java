package no.rusmonitor.indicator.definition;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.annotation.JsonInclude;

import no.rusmonitor.indicator.formula.Formula;

/**
 * What an indicator is: names, goal, unit, and value = numerator / denominator × factor per
 * municipality, added up over municipalities by its aggregation rule. Numerator and denominator are
 * formulas (see {@link Formula}).
 *
 * @param goal            the plan goal: {@code effort}, {@code 1}..{@code 5} or {@code reporting}
 * @param decimals        how many decimals to show (values are stored unrounded)
 * @param personCounts    the parts that count persons; small counts are suppressed
 * @param publishedFigure a published figure to compare with, as text
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DefinitionContent(
        @NotNull @Valid LocalizedText name,
        @Valid LocalizedText description,
        @NotBlank @Pattern(regexp = "effort|[1-5]|reporting", message = "must be effort, 1, 2, 3, 4, 5 or reporting") String goal,
        @NotBlank @Size(max = 32) @Pattern(regexp = "[a-z0-9_]+", message = "must be lower-case letters, digits and _") String unit,
        @Min(0) @Max(6) Integer decimals,
        @NotBlank @Size(max = Formula.MAX_LENGTH) @Pattern(regexp = FORMULA_TEXT, message = FORMULA_TEXT_MESSAGE) String numerator,
        @NotBlank @Size(max = Formula.MAX_LENGTH) @Pattern(regexp = FORMULA_TEXT, message = FORMULA_TEXT_MESSAGE) String denominator,
        @NotNull @DecimalMin(value = "0", inclusive = false) @DecimalMax(value = "1000000", message = "must be at most 1000000 (per million)") Double factor,
        @NotNull Aggregation aggregation,
        @Size(max = 2) List<@NotNull PersonCountPart> personCounts,
        @Size(max = 500) @Pattern(regexp = LocalizedText.NO_CONTROLS, message = LocalizedText.NO_CONTROLS_MESSAGE) String publishedFigure) {

    /**
     * A formula may be laid out over lines, but holds no other control character: one inside a text literal
     * passes the formula's parser, and PostgreSQL cannot store a NUL.
     */
    static final String FORMULA_TEXT = "[^\\x{00}-\\x{08}\\x{0B}\\x{0C}\\x{0E}-\\x{1F}\\x{7F}-\\x{9F}]*";
    static final String FORMULA_TEXT_MESSAGE = "must not contain control characters other than tabs and line breaks";

    public List<PersonCountPart> personCountParts() {
        return personCounts == null ? List.of() : personCounts;
    }

    public int decimalsOrDefault() {
        return decimals == null ? 1 : decimals;
    }
}
