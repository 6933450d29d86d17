package no.rusmonitor.indicator.formula;

/** A formula that cannot be read, or cannot be evaluated with the values given. */
public class FormulaException extends Exception {

    private final int position;

    public FormulaException(String message, int position) {
        super(message);
        this.position = position;
    }

    /** Where in the formula the problem is (1-based), or 0 when it is not about one place. */
    public int position() {
        return position;
    }
}
