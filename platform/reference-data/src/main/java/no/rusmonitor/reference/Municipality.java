package no.rusmonitor.reference;

/**
 * A municipality as it existed in one year: its code as valid that year, its county that year, and
 * its population on 1 January of that year ({@code null} where the source has no figure).
 */
public record Municipality(int year, String code, String name, String countyCode, String countyName, Long population) {

    public boolean hasPopulation() {
        return population != null;
    }
}
