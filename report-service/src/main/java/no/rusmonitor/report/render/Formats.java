package no.rusmonitor.report.render;

import no.rusmonitor.report.report.Cell;

/**
 * Number formatting for the templates, in the report's language: {@code {f.cell(i.value, i.decimals)}}.
 * Every method takes a null as "no value" and prints {@code ..}.
 */
public final class Formats {

    private final String lang;

    public Formats(String lang) {
        this.lang = lang;
    }

    public String cell(Cell cell, int decimals) {
        return NumberText.cell(cell, decimals, lang);
    }

    public String num(Double value, int decimals) {
        return NumberText.number(value, decimals, lang);
    }

    public String signed(Double value, int decimals) {
        return NumberText.signed(value, decimals, lang);
    }

    public String count(Integer value) {
        return NumberText.integer(value, lang);
    }

    public String bigCount(Long value) {
        return NumberText.integer(value, lang);
    }

    /** CSS class of a cell: withheld and missing values are marked. */
    public String css(Cell cell) {
        if (cell == null || cell.value() == null) {
            return cell != null && cell.flag().suppressed() ? "num withheld" : "num missing";
        }
        return cell.flag().suppressed() ? "num withheld" : "num";
    }
}
