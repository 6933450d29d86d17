package no.rusmonitor.report.report;

import java.util.List;

/**
 * What moved since last year, derived from the numbers alone. The lists hold the largest moves (at most
 * {@link SummaryDerivation#LIMIT} each); the counts cover every indicator.
 *
 * @param notComparable indicators without a shown value in one of the two years (missing or withheld)
 */
public record Summary(int previousYear, int improvedCount, int worsenedCount, int changedCount, int unchanged, int notComparable,
        List<SummaryItem> improved, List<SummaryItem> worsened, List<SummaryItem> changed) {

    /** No indicator has a shown value in both years: the first year of the series, or a year after one without data. */
    public boolean nothingToCompare() {
        return improvedCount + worsenedCount + changedCount + unchanged == 0;
    }
}
