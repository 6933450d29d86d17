package no.rusmonitor.reference;

/** A county (fylke) as it existed in one year. */
public record County(int year, String code, String name) {
}
