package no.rusmonitor.survey.submission;

import jakarta.validation.constraints.NotNull;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** A draft: any subset of the answers, each well-formed; missing and inconsistent answers are allowed. */
public record DraftRequest(@NotNull ObjectNode answers) {
}
