package no.rusmonitor.indicator.compute;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An aggregate's indicator over the reporting municipalities of one population size class: sums of
 * their numerators and denominators, how many there are, and whether the figure is suppressed.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonIgnoreProperties(ignoreUnknown = true)
public record SizeClassValue(SizeClass sizeClass, Double value, Double numerator, Double denominator, int count, Suppression suppressed) {

    /**
     * As a public reader sees it: a suppressed figure has no numbers, nor has one that could not be computed (its
     * denominators summing to 0), which suppression counts as withheld ({@link Cell#withheld()}).
     */
    public SizeClassValue publicView() {
        return suppressed == Suppression.none && value != null ? this : new SizeClassValue(sizeClass, null, null, null, count, suppressed);
    }
}
