package no.rusmonitor.indicator.definition;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The survey questions formulas may refer to, with the kind of answer each gives
 * ({@code indicators/questions.json}), plus any question that has appeared in submitted answers.
 * Used to check a formula before it is published: unknown names are refused, and the formula is tried
 * with typical answers of the right kinds.
 */
public final class QuestionCatalogue {

    /** What a question's answer is. */
    public enum Kind {
        number, yes_no, choice, text
    }

    /**
     * One question: its kind, for a choice its options, and whether it counts persons (users of the services,
     * participants), whose small numbers are withheld.
     */
    public record Question(String id, Kind kind, List<String> options, boolean countsPersons) {

        /** A typical answer, for trying a formula. */
        Object sample(int variant) {
            return switch (kind) {
                case number -> BigDecimal.valueOf(variant == 0 ? 7 : 3);
                case yes_no -> variant == 0;
                case choice -> options.isEmpty() ? "x" : options.get(variant % options.size());
                case text -> "text";
            };
        }
    }

    private final Map<String, Question> questions;

    private QuestionCatalogue(Map<String, Question> questions) {
        this.questions = Collections.unmodifiableMap(questions);
    }

    public static QuestionCatalogue load(ObjectMapper mapper) {
        Map<String, Question> questions = new TreeMap<>();
        try (InputStream in = QuestionCatalogue.class.getClassLoader().getResourceAsStream("indicators/questions.json")) {
            if (in == null) {
                throw new IllegalStateException("indicators/questions.json is missing from the classpath");
            }
            for (JsonNode q : mapper.readTree(in).path("questions")) {
                List<String> options = new java.util.ArrayList<>();
                q.path("options").forEach(o -> options.add(o.asText()));
                questions.put(q.path("id").asText(), new Question(q.path("id").asText(), kindOf(q.path("type").asText()), List.copyOf(options),
                        q.path("countsPersons").asBoolean(false)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new QuestionCatalogue(questions);
    }

    static Kind kindOf(String surveyType) {
        return switch (surveyType) {
            case "decimal", "integer" -> Kind.number;
            case "boolean" -> Kind.yes_no;
            case "choice" -> Kind.choice;
            default -> Kind.text;
        };
    }

    /**
     * This catalogue plus questions seen in stored answers, with the kind their values show. Nothing says whether
     * such a number counts persons, so it is taken to: an indicator over it must then say which part counts them,
     * and is suppressed, rather than publish values on one or two persons.
     */
    public QuestionCatalogue withSeen(Map<String, Object> seenExamples) {
        Map<String, Question> all = new TreeMap<>(questions);
        seenExamples.forEach((id, example) -> all.computeIfAbsent(id, q -> new Question(q,
                example instanceof Boolean ? Kind.yes_no : example instanceof Number ? Kind.number : Kind.choice, List.of(),
                example instanceof Number)));
        return new QuestionCatalogue(all);
    }

    public Question find(String id) {
        return questions.get(id);
    }

    public Set<String> ids() {
        return questions.keySet();
    }
}
