package no.rusmonitor.indicator.compute;

/** Whether a value can be given ({@code ok}) or not ({@code missing}, with a {@link MissingReason}). */
public enum Status {
    ok, missing
}
