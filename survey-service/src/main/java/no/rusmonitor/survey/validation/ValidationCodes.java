package no.rusmonitor.survey.validation;

/** The stable reasons an answer is refused or questioned; clients may switch on them. */
public final class ValidationCodes {

    public static final String UNKNOWN_QUESTION = "unknown_question";
    public static final String TOO_MANY_ANSWERS = "too_many_answers";
    public static final String WRONG_TYPE = "wrong_type";
    public static final String NOT_WHOLE_NUMBER = "not_whole_number";
    public static final String BELOW_MINIMUM = "below_minimum";
    public static final String ABOVE_MAXIMUM = "above_maximum";
    public static final String NOT_AN_OPTION = "not_an_option";
    public static final String TOO_LONG = "too_long";
    public static final String TOO_PRECISE = "too_precise";
    public static final String EXPONENT_TOO_LARGE = "exponent_too_large";
    public static final String INVALID_CHARACTERS = "invalid_characters";
    public static final String REQUIRED = "required";
    public static final String EXCEEDS_SUM = "exceeds_sum";
    public static final String LARGE_CHANGE = "large_change";

    private ValidationCodes() {
    }
}
