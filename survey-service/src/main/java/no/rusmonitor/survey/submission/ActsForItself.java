package no.rusmonitor.survey.submission;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A write a municipality makes for itself, at an address naming the municipality ({code}): a token of any
 * other municipality is refused before the body is read ({@link ActingForItselfFilter}).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface ActsForItself {
}
