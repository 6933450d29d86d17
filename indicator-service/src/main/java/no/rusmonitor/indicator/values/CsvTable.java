package no.rusmonitor.indicator.values;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;

/**
 * Values as CSV (RFC 4180, comma-separated, header row, decimal point), with Statistics Norway's symbols
 * in the number columns: {@code :} where a value is suppressed for the reader, {@code ..} where it is
 * missing. Values are rounded to the indicator's decimals; numerator and denominator are as computed, to ten decimals.
 */
final class CsvTable {

    static final String HEADER = "indicator_id,year,level,area_code,area_name,borders,value,unit,numerator,denominator,status,"
            + "missing_reason,suppressed,revision\r\n";

    private CsvTable() {
    }

    static String of(List<ValueView> values, Map<String, Integer> decimals) {
        StringBuilder out = new StringBuilder(HEADER);
        for (ValueView v : values) {
            boolean shownHidden = v.hidden() && v.value() == null;
            String missing = v.status() == no.rusmonitor.indicator.compute.Status.missing ? ".." : null;
            out.append(cell(v.indicatorId())).append(',').append(v.year()).append(',').append(v.level()).append(',')
                    .append(cell(v.areaCode())).append(',').append(cell(v.areaName())).append(',').append(v.borders().code()).append(',')
                    .append(missing != null ? missing : shownHidden ? ":" : number(v.value(), decimals.getOrDefault(v.indicatorId(), 1))).append(',')
                    .append(cell(v.unit())).append(',')
                    .append(shownHidden ? ":" : v.numerator() == null ? ".." : number(v.numerator(), -1)).append(',')
                    .append(shownHidden ? ":" : v.denominator() == null ? ".." : number(v.denominator(), -1)).append(',')
                    .append(v.status()).append(',')
                    .append(v.missingReason() == null ? "" : v.missingReason().name()).append(',')
                    .append(v.suppressed() == null ? "none" : v.suppressed().name()).append(',')
                    .append(v.revision()).append("\r\n");
        }
        return out.toString();
    }

    /** Numerators and denominators: to ten decimals, without trailing zeros. */
    static final int AS_COMPUTED_DECIMALS = 10;

    static String number(Double value, int decimals) {
        if (value == null) {
            return "..";
        }
        BigDecimal decimal = BigDecimal.valueOf(value);
        // Sums of decimal answers carry binary noise (0.1 + 0.2 is 0.30000000000000004); no answer needs more than ten places.
        return decimals >= 0 ? decimal.setScale(decimals, RoundingMode.HALF_UP).toPlainString()
                : decimal.setScale(AS_COMPUTED_DECIMALS, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }

    static String cell(String text) {
        if (text == null) {
            return "";
        }
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            return "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }
}
