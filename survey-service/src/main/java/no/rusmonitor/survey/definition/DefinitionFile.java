package no.rusmonitor.survey.definition;

import java.util.List;

/** The layout of {@code surveys/survey-YYYY.json}: a definition plus its default schedule. */
record DefinitionFile(int year, LocalizedText title, Schedule schedule, List<Question> questions) {

    DefinitionContent content() {
        return new DefinitionContent(title, questions);
    }
}
