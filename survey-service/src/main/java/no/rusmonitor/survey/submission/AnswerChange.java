package no.rusmonitor.survey.submission;

import com.fasterxml.jackson.databind.JsonNode;

/** One answer that differs from the previous submitted version ({@code before} is null in version 1). */
public record AnswerChange(String question, JsonNode before, JsonNode after) {
}
