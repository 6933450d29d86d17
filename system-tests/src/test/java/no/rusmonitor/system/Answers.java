package no.rusmonitor.system;

import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import no.rusmonitor.testsupport.SurveyAnswers;

/** A complete, consistent survey form as a municipality would send it, as JSON. */
public final class Answers {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Answers() {
    }

    /** The standard form with {@code usersTotal} users. */
    public static String standard(int usersTotal) {
        Map<String, Object> answers = SurveyAnswers.complete();
        answers.put("users_total", usersTotal);
        try {
            return JSON.writeValueAsString(answers);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
