package no.rusmonitor.survey.definition;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** What kind of answer a question takes, and so which JSON value is accepted for it. */
public enum QuestionType {
    /** A whole number (JSON number without fraction). */
    INTEGER("integer"),
    /** Any number. */
    DECIMAL("decimal"),
    /** Yes/no (JSON true/false). */
    BOOLEAN("boolean"),
    /** One of the question's {@code options} (JSON string). */
    CHOICE("choice"),
    /** Free text (JSON string) of at most {@code maxLength} characters. */
    TEXT("text");

    private final String json;

    QuestionType(String json) {
        this.json = json;
    }

    @JsonValue
    public String json() {
        return json;
    }

    @JsonCreator
    public static QuestionType fromJson(String value) {
        for (QuestionType type : values()) {
            if (type.json.equals(value)) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown question type: " + value);
    }

    public boolean isNumeric() {
        return this == INTEGER || this == DECIMAL;
    }
}
