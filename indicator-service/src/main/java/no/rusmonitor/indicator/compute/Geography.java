package no.rusmonitor.indicator.compute;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import no.rusmonitor.reference.MunicipalityCatalogue;

/** The areas of every year the reference data covers, worked out once. */
public final class Geography {

    private final MunicipalityCatalogue catalogue;
    private final Map<Integer, YearGeography> years = new ConcurrentHashMap<>();

    public Geography(MunicipalityCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    public MunicipalityCatalogue catalogue() {
        return catalogue;
    }

    public boolean covers(int year) {
        return catalogue.covers(year);
    }

    public YearGeography year(int year) {
        if (!catalogue.covers(year)) {
            throw new IllegalArgumentException("no reference data for " + year);
        }
        return years.computeIfAbsent(year, y -> new YearGeography(catalogue, y));
    }
}
