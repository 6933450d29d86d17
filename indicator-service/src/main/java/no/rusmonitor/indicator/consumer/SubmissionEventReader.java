package no.rusmonitor.indicator.consumer;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import no.rusmonitor.indicator.compute.AnswerSet;
import no.rusmonitor.indicator.engine.AnswerStore;
import no.rusmonitor.reference.MunicipalityCatalogue;

/**
 * Reads a {@code no.rusmonitor.submission.accepted.v1} CloudEvent (docs/events/submission-accepted-v1.schema.json)
 * tolerantly: fields it does not know are ignored, but what the computation relies on must be there, of
 * the right kind, and make sense against the reference data (a municipality code valid in the survey
 * year). Anything else is a {@link MalformedEvent} naming what is wrong.
 */
@ApplicationScoped
public class SubmissionEventReader {

    public static final String TYPE = "no.rusmonitor.submission.accepted.v1";

    private final ObjectMapper mapper;
    private final MunicipalityCatalogue catalogue;

    @Inject
    public SubmissionEventReader(ObjectMapper mapper, MunicipalityCatalogue catalogue) {
        this.mapper = mapper;
        this.catalogue = catalogue;
    }

    public AnswerSet read(String key, String json) throws MalformedEvent {
        if (json == null || json.isBlank()) {
            throw new MalformedEvent("empty record value");
        }
        JsonNode event;
        try {
            event = mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new MalformedEvent("not JSON: " + e.getOriginalMessage());
        }
        if (event == null || !event.isObject()) {
            throw new MalformedEvent("not a JSON object");
        }
        String type = text(event, "type");
        if (!TYPE.equals(type)) {
            throw new MalformedEvent("unexpected event type " + type);
        }
        String id = text(event, "id");
        JsonNode data = event.get("data");
        if (data == null || !data.isObject()) {
            throw new MalformedEvent("data is missing or not an object");
        }
        String code = text(data, "municipalityCode");
        if (!code.matches("\\d{4}")) {
            throw new MalformedEvent("municipalityCode must be four digits: " + code);
        }
        if (key != null && !key.equals(code)) {
            throw new MalformedEvent("record key " + key + " is not the municipality code " + code);
        }
        int year = integer(data, "surveyYear");
        if (!catalogue.covers(year)) {
            throw new MalformedEvent("surveyYear " + year + " is not covered by the reference data");
        }
        if (!catalogue.isValid(code, year)) {
            throw new MalformedEvent("municipality " + code + " did not exist in " + year);
        }
        int surveyVersion = integer(data, "surveyVersion");
        int submissionVersion = integer(data, "submissionVersion");
        if (surveyVersion < 1 || submissionVersion < 1) {
            throw new MalformedEvent("surveyVersion and submissionVersion must be at least 1");
        }
        Instant submittedAt;
        try {
            submittedAt = Instant.parse(text(data, "submittedAt"));
        } catch (DateTimeParseException e) {
            throw new MalformedEvent("submittedAt is not a date-time");
        }
        JsonNode answersNode = data.get("answers");
        if (answersNode == null || !answersNode.isObject()) {
            throw new MalformedEvent("answers is missing or not an object");
        }
        Map<String, Object> answers = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = answersNode.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> field = it.next();
            JsonNode value = field.getValue();
            if (value.isNull()) {
                continue;
            }
            // JSON numbers have no bound, but a double does: 1e400 reads as infinity, which no answer is.
            if (value.isNumber() && !Double.isFinite(value.doubleValue())) {
                throw new MalformedEvent("answer " + field.getKey() + " is a number too large to hold");
            }
            Object scalar = AnswerStore.scalar(value);
            if (scalar == null) {
                throw new MalformedEvent("answer " + field.getKey() + " is not a number, yes/no or text");
            }
            answers.put(field.getKey(), scalar);
        }
        return new AnswerSet(code, year, submissionVersion, surveyVersion, answers, submittedAt, id);
    }

    private static String text(JsonNode node, String field) throws MalformedEvent {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new MalformedEvent(field + " is missing or not a string");
        }
        return value.asText();
    }

    private static int integer(JsonNode node, String field) throws MalformedEvent {
        JsonNode value = node.get(field);
        if (value == null || !value.canConvertToInt() || !value.isIntegralNumber()) {
            throw new MalformedEvent(field + " is missing or not an integer");
        }
        return value.intValue();
    }
}
