package no.rusmonitor.report.catalogue;

/** Which way an indicator moves when things get better; the summary's "improved" and "got worse" follow it. */
public enum Polarity {
    /** More is better (for example the share of users with an individual plan). */
    higher_is_better,
    /** Less is better (for example the share of users without a home). */
    lower_is_better,
    /** The plan does not say which way is better: the summary says only that it rose or fell. */
    neutral
}
