package no.rusmonitor.indicator.compute;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An aggregate's indicator over the reporting municipalities of one population size class: sums of
 * their numerators and denominators, how many there are, and whether the figure is suppressed.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record SizeClassValue(SizeClass sizeClass, Double value, Double numerator, Double denominator, int count, Suppression suppressed) {

    /** As a public reader sees it: a suppressed figure has no numbers. */
    public SizeClassValue publicView() {
        return suppressed == Suppression.none ? this : new SizeClassValue(sizeClass, null, null, null, count, suppressed);
    }
}
