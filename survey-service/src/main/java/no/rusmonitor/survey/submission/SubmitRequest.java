package no.rusmonitor.survey.submission;

import java.util.List;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A submission (or correction), or the same as a dry run.
 *
 * @param answers              all answers; when absent, the saved draft is submitted
 * @param acknowledgedWarnings pointers of the warnings the municipality confirms (for example
 *                             {@code /answers/users_total} when it really changed more than 50 %); at
 *                             most as many as a survey can have questions, each of which may warn
 */
public record SubmitRequest(ObjectNode answers, @Size(max = 500) List<@NotNull String> acknowledgedWarnings) {

    public List<String> acknowledgedWarnings() {
        return acknowledgedWarnings == null ? List.of() : acknowledgedWarnings;
    }
}
