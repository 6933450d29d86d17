package no.rusmonitor.survey.submission;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import jakarta.persistence.AttributeConverter;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * JSON arrays in JSONB columns, as text: the reactive driver maps JSONB to objects only, so list-valued
 * columns are converted here and cast in SQL (see the @ColumnTransformer on the fields).
 */
final class JsonbListConverters {

    private static final ObjectMapper MAPPER = new ObjectMapper();

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
