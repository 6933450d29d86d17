package no.rusmonitor.platform.security;

/** The roles a token can carry in its {@code groups} claim. */
public final class Roles {

    /** A municipality acting for itself; the token's {@code municipality} claim says which. */
    public static final String MUNICIPALITY = "municipality";
    /** Evaluators and the directorate: read everything. */
    public static final String ANALYST = "analyst";
    /** Publishes definitions, sets deadlines, reopens, imports. */
    public static final String OPERATOR = "operator";

    private Roles() {
    }
}
