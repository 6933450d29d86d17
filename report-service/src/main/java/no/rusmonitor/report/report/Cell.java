package no.rusmonitor.report.report;

import java.math.BigDecimal;
import java.math.RoundingMode;

import com.fasterxml.jackson.annotation.JsonInclude;

import no.rusmonitor.report.readmodel.IndicatorValue;

/**
 * One figure as a report shows it, already rounded to the indicator's decimals so that every format prints
 * the same number. In a public report a suppressed cell has no value at all (only its flag); in an
 * analyst's unsuppressed report it keeps the value and the flag says it would be withheld.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Cell(Double value, Flag flag, String missingReason) {

    public static final Cell NO_VALUE = new Cell(null, Flag.missing, "no_value");

    public static Cell of(IndicatorValue v, int decimals, boolean unsuppressed) {
        if (v == null) {
            return NO_VALUE;
        }
        if (v.isMissing()) {
            return new Cell(null, Flag.missing, v.missingReason() == null ? "no_value" : v.missingReason());
        }
        Flag flag = Flag.ofSuppression(v.suppressed());
        if (flag.suppressed() && !unsuppressed) {
            return new Cell(null, flag, null);
        }
        return new Cell(round(v.value(), decimals), flag, null);
    }

    public static Cell of(Double value, String suppressed, int decimals, boolean unsuppressed) {
        if (value == null || !Double.isFinite(value)) {
            Flag flag = Flag.ofSuppression(suppressed);
            return flag.suppressed() ? new Cell(null, flag, null) : NO_VALUE;
        }
        Flag flag = Flag.ofSuppression(suppressed);
        if (flag.suppressed() && !unsuppressed) {
            return new Cell(null, flag, null);
        }
        return new Cell(round(value, decimals), flag, null);
    }

    public static Cell plain(Double value, int decimals) {
        return value == null ? NO_VALUE : new Cell(round(value, decimals), Flag.none, null);
    }

    /** A value anyone may see: present and not suppressed (in an unsuppressed report, present is enough). */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean shown() {
        return value != null;
    }

    public static double round(double value, int decimals) {
        return BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_UP).doubleValue();
    }

    /** {@code to - from} rounded, or null unless both are shown. */
    public static Double change(Cell from, Cell to, int decimals) {
        if (from == null || to == null || !from.shown() || !to.shown()) {
            return null;
        }
        return round(to.value() - from.value(), decimals);
    }
}
