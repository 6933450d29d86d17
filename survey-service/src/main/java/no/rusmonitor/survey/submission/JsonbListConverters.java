package no.rusmonitor.survey.submission;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import jakarta.persistence.AttributeConverter;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import no.rusmonitor.survey.StorableJson;

/**
 * JSON arrays in JSONB columns, as text: the reactive driver maps JSONB to objects only, so list-valued
 * columns are converted here and cast in SQL (see the @ColumnTransformer on the fields). Answers are read
 * here too, so that their numbers come back exactly as stored: through the driver's objects and Hibernate's
 * own mapper they came back as doubles, 12.12345678901234567 as 12.123456789012346.
 */
final class JsonbListConverters {

    private static final ObjectMapper MAPPER = StorableJson.readingNumbersExactly(new ObjectMapper());

    private JsonbListConverters() {
    }

    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static <T> T read(String json, TypeReference<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static final class Changes implements AttributeConverter<List<AnswerChange>, String> {
        @Override
        public String convertToDatabaseColumn(List<AnswerChange> value) {
            return write(value == null ? List.of() : value);
        }

        @Override
        public List<AnswerChange> convertToEntityAttribute(String json) {
            return json == null ? List.of() : read(json, new TypeReference<List<AnswerChange>>() {
            });
        }
    }

    /** A submission's answers (a version's, or a draft's, which may be null). */
    static final class Answers implements AttributeConverter<ObjectNode, String> {
        @Override
        public String convertToDatabaseColumn(ObjectNode value) {
            return value == null ? null : write(value);
        }

        @Override
        public ObjectNode convertToEntityAttribute(String json) {
            return json == null ? null : read(json, new TypeReference<ObjectNode>() {
            });
        }
    }

    static final class Strings implements AttributeConverter<List<String>, String> {
        @Override
        public String convertToDatabaseColumn(List<String> value) {
            return write(value == null ? List.of() : value);
        }

        @Override
        public List<String> convertToEntityAttribute(String json) {
            return json == null ? List.of() : read(json, new TypeReference<List<String>>() {
            });
        }
    }
}
