package no.rusmonitor.survey.validation;

import java.util.Collection;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;

import no.rusmonitor.platform.problem.Issue;

/**
 * What validation found. Errors block a submission; warnings let it through once the request
 * acknowledges each of them by pointer.
 */
public record ValidationReport(List<Issue> errors, List<Issue> warnings) {

    /** Codes that say an answer is missing or inconsistent with others: allowed in a draft, not in a submission. */
    private static final Set<String> INCOMPLETENESS = Set.of(ValidationCodes.REQUIRED, ValidationCodes.EXCEEDS_SUM);

    public ValidationReport {
        errors = List.copyOf(errors);
        warnings = List.copyOf(warnings);
    }

    @JsonProperty
    public boolean valid() {
        return errors.isEmpty();
    }

    /** Whether a draft with these answers is refused: an answer that is wrong in itself. */
    @JsonIgnore
    public boolean blocksDraft() {
        return errors.stream().anyMatch(e -> !INCOMPLETENESS.contains(e.code()));
    }

    @JsonIgnore
    public List<Issue> draftErrors() {
        return errors.stream().filter(e -> !INCOMPLETENESS.contains(e.code())).toList();
    }

    /** Warnings whose pointers are not among {@code acknowledged}. */
    public List<Issue> unacknowledged(Collection<String> acknowledged) {
        return warnings.stream().filter(w -> !acknowledged.contains(w.pointer())).toList();
    }
}
