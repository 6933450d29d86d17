package no.rusmonitor.survey.submission;

import java.time.Instant;

import com.fasterxml.jackson.databind.node.ObjectNode;

public record DraftView(ObjectNode answers, Instant savedAt, String savedBy) {
}
