package no.rusmonitor.reference;

import java.util.List;

/**
 * How one municipality on today's (2024) borders is made of the municipalities of an earlier year.
 * <p>
 * {@code complete} is false when one of those predecessors was later split between several of today's
 * municipalities: then its figures cannot be carried to today's borders by summing, and the year is
 * missing for {@code currentCode}, never guessed.
 */
public record BorderMapping(int year, String currentCode, List<String> predecessors, boolean complete) {
}
