package no.rusmonitor.platform.json;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * A body or an event is one JSON value, and names each field once. Jackson by default reads the first value
 * and ignores whatever follows it, so {@code {"answers":{...}}garbage} would be taken as the answers; and of a
 * field named twice it keeps the last, so {@code {"users_total":1200,"users_total":12}} would be stored as 12
 * without a word. Both are refused as malformed.
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    }
}
