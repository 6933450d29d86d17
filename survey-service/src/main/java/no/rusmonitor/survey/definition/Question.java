package no.rusmonitor.survey.definition;

import java.math.BigDecimal;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One question of a survey definition.
 *
 * @param min               smallest accepted number (numeric types)
 * @param max               largest accepted number (numeric types)
 * @param maxSumOf          cross-field rule: the answer may not exceed the sum of these questions' answers
 *                          (for example {@code users_with_individual_plan <= users_total})
 * @param options           the accepted values of a {@code choice}
 * @param maxLength         longest accepted text, in characters (at most {@value DefinitionRules#LONGEST_TEXT})
 * @param warnOnChangeAbove a warning (to acknowledge) when the answer moved more than this fraction from
 *                          the municipality's answer last year; 0.5 means 50 %
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Question(
        @NotNull @Pattern(regexp = "[a-z][a-z0-9_]{0,63}", message = "must be a lower-case identifier") String id,
        @NotNull QuestionType type,
        BigDecimal min,
        BigDecimal max,
        List<@NotNull @Pattern(regexp = "[a-z][a-z0-9_]{0,63}") String> maxSumOf,
        @Size(max = 100) List<@NotNull @Pattern(regexp = "[a-z][a-z0-9_]{0,63}") String> options,
        @Positive @Max(DefinitionRules.LONGEST_TEXT) Integer maxLength,
        boolean required,
        @PositiveOrZero BigDecimal warnOnChangeAbove,
        String goal,
        @NotNull @Valid LocalizedText label) {

    public List<String> maxSumOf() {
        return maxSumOf == null ? List.of() : maxSumOf;
    }

    public List<String> options() {
        return options == null ? List.of() : options;
    }
}
