package no.rusmonitor.survey.definition;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonIgnore;

/** One published version of a year's survey. Immutable. */
public record SurveyDefinition(int year, int version, LocalizedText title, List<Question> questions,
        Instant publishedAt, String publishedBy) {

    public SurveyDefinition {
        questions = List.copyOf(questions);
    }

    public static SurveyDefinition of(int year, int version, DefinitionContent content, Instant publishedAt, String publishedBy) {
        return new SurveyDefinition(year, version, content.title(), content.questions(), publishedAt, publishedBy);
    }

    @JsonIgnore
    public Optional<Question> question(String id) {
        return questions.stream().filter(q -> q.id().equals(id)).findFirst();
    }

    @JsonIgnore
    public Map<String, Question> questionsById() {
        Map<String, Question> byId = new LinkedHashMap<>();
        questions.forEach(q -> byId.put(q.id(), q));
        return byId;
    }
}
