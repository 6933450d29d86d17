package no.rusmonitor.platform.request;

import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * A year given as text in a path or a query, read the same way by every service: four ASCII digits within
 * the bounds the caller gives. A sign, spaces or another script's digits, all of which
 * {@link Integer#parseInt} takes, are not a year here. Each caller words its own 400, since what a year may
 * be differs (a year of the reference data, a reporting year).
 */
public final class YearParameter {

    private static final Pattern FOUR_DIGITS = Pattern.compile("[0-9]{4}");

    private YearParameter() {
    }

    /** The year, or empty when {@code text} is not one from {@code first} to {@code last}. */
    public static OptionalInt parse(String text, int first, int last) {
        if (text == null || !FOUR_DIGITS.matcher(text).matches()) {
            return OptionalInt.empty();
        }
        int year = Integer.parseInt(text);
        return year >= first && year <= last ? OptionalInt.of(year) : OptionalInt.empty();
    }
}
