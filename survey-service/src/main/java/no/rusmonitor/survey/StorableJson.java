package no.rusmonitor.survey;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;

import io.quarkus.jackson.ObjectMapperCustomizer;
import no.rusmonitor.survey.validation.AnswerValidator;

/**
 * This service reads JSON into values it can store as they were sent, or refuses them while reading, where the
 * refusal is a 400 naming the field (see ProblemMappers) and before anything is written:
 * <ul>
 * <li>Numbers in JSON trees (the answers, in requests and imports alike, and as read back from the database, see
 * JsonbListConverters) are exact decimals with the scale they were sent with. As doubles, 5000.0000000000000001
 * was 5000.0 and passed a maximum of 5000, 100.00000000000000001 passed as a whole number, and both were stored
 * rounded.</li>
 * <li>No text may hold U+0000, which PostgreSQL's text and jsonb cannot store: a reopening's reason or a label with
 * it failed in the database, with a 500.</li>
 * <li>A time lies in the years 2000-2200 (a survey's opening and deadline, a reopening's end): PostgreSQL's timestamps end at year
 * 294276, and a deadline in year 200000 is a typing error anyway.</li>
 * <li>A decimal (a question's bounds) lies within the limits of an answer ({@link AnswerValidator#LARGEST_NUMBER},
 * {@link AnswerValidator#MOST_DECIMALS}, {@link AnswerValidator#LARGEST_EXPONENT}): a bound no answer can reach means
 * nothing, and 1e400000 and 0e2000000000 overflowed jsonb's numeric.</li>
 * </ul>
 * The checks are on the types, so every field of every body has them, the ones added later too. Answers are trees,
 * not these types: {@link AnswerValidator} judges their text and numbers against the question.
 */
@Singleton
public class StorableJson implements ObjectMapperCustomizer {

    static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    /** The first instant after the year 2200. */
    static final Instant AFTER_LATEST = Instant.parse("2201-01-01T00:00:00Z");

    @Override
    public void customize(ObjectMapper mapper) {
        readingNumbersExactly(mapper);
        // A modifier, not deserializers of our own: it wraps whichever one Jackson (or the JavaTime module) has.
        mapper.registerModule(new SimpleModule("rusmonitor-storable-values").setDeserializerModifier(new Checking()));
    }

    /** {@code mapper}, made to read the numbers of JSON trees as exact decimals with the scale they were written with. */
    public static ObjectMapper readingNumbersExactly(ObjectMapper mapper) {
        mapper.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
        // Otherwise 3.0 would come back as 3 and 10.0 as 1E+1: not what was sent.
        mapper.configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);
        return mapper;
    }

    /** Why {@code value} cannot be stored as it is, or null when it can. */
    static String refusal(Object value) {
        if (value instanceof String text && text.indexOf('\u0000') >= 0) {
            return "Text must not contain U+0000.";
        }
        if (value instanceof Instant at && (at.isBefore(EARLIEST) || !at.isBefore(AFTER_LATEST))) {
            return "A time must lie in the years 2000-2200.";
        }
        if (value instanceof BigDecimal number && (number.abs().compareTo(AnswerValidator.LARGEST_NUMBER) > 0
                || number.scale() > AnswerValidator.MOST_DECIMALS // as written, as it is stored: 0e-400000 has 400,000
                || number.scale() < -AnswerValidator.LARGEST_EXPONENT)) { // 0e2000000000 is zero, but overflows jsonb
            return "A number must lie within ±10^15, have at most " + AnswerValidator.MOST_DECIMALS
                    + " decimals and an exponent of at most " + AnswerValidator.LARGEST_EXPONENT + ".";
        }
        return null;
    }

    private static final class Checking extends BeanDeserializerModifier {
        @Override
        public JsonDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription bean, JsonDeserializer<?> deserializer) {
            Class<?> type = bean.getBeanClass();
            return type == String.class || type == Instant.class || type == BigDecimal.class ? new Checked(deserializer) : deserializer;
        }
    }

    private static final class Checked extends DelegatingDeserializer {

        Checked(JsonDeserializer<?> delegate) {
            super(delegate);
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> delegate) {
            return new Checked(delegate);
        }

        @Override
        public Object deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            Object value = super.deserialize(parser, context);
            String refusal = refusal(value);
            if (refusal != null) {
                // A mapping exception: Jackson adds the path to the field, which the 400 names.
                throw InvalidFormatException.from(parser, refusal, value, value.getClass());
            }
            return value;
        }
    }
}
