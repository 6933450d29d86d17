package no.rusmonitor.report.readmodel;

import com.fasterxml.jackson.annotation.JsonIgnore;

/** An aggregate over the reporting municipalities of one population size class. */
public record SizeClassValue(String sizeClass, Double value, Double numerator, Double denominator, Integer count, String suppressed) {

    @JsonIgnore
    public boolean isSuppressed() {
        return suppressed != null && !"none".equals(suppressed);
    }
}
