package no.rusmonitor.report.render;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

import no.rusmonitor.report.report.Cell;
import no.rusmonitor.report.report.Flag;

/**
 * Numbers as people read them: bokmål writes {@code 1 234,5} (no-break space, decimal comma), English
 * {@code 1,234.5}. Only characters every PDF base font has are used (a plain hyphen for minus). A withheld
 * value is {@code :}, a missing one {@code ..}; an analyst's unsuppressed value is followed by {@code (:)}.
 */
public final class NumberText {

    private NumberText() {
    }

    public static String cell(Cell cell, int decimals, String lang) {
        if (cell == null) {
            return Flag.missing.symbol();
        }
        if (cell.value() == null) {
            return cell.flag() == Flag.none ? Flag.missing.symbol() : cell.flag().symbol();
        }
        String text = number(cell.value(), decimals, lang);
        return cell.flag().suppressed() ? text + " (:)" : text;
    }

    public static String number(Double value, int decimals, String lang) {
        if (value == null) {
            return Flag.missing.symbol();
        }
        return format(decimals, lang).format(BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_UP));
    }

    /** A change with its sign: {@code +1,8}, {@code -0,4}, {@code 0,0}. */
    public static String signed(Double value, int decimals, String lang) {
        if (value == null) {
            return Flag.missing.symbol();
        }
        String text = number(value, decimals, lang);
        return value > 0 ? "+" + text : text;
    }

    public static String integer(Integer value, String lang) {
        return value == null ? Flag.missing.symbol() : number(value.doubleValue(), 0, lang);
    }

    public static String integer(Long value, String lang) {
        return value == null ? Flag.missing.symbol() : number(value.doubleValue(), 0, lang);
    }

    private static DecimalFormat format(int decimals, String lang) {
        DecimalFormatSymbols symbols = new DecimalFormatSymbols(Locale.ROOT);
        boolean english = Messages.EN.equals(lang);
        symbols.setDecimalSeparator(english ? '.' : ',');
        symbols.setGroupingSeparator(english ? ',' : '\u00A0');
        symbols.setMinusSign('-');
        DecimalFormat format = new DecimalFormat(decimals == 0 ? "#,##0" : "#,##0." + "0".repeat(decimals), symbols);
        format.setRoundingMode(RoundingMode.HALF_UP);
        return format;
    }
}
