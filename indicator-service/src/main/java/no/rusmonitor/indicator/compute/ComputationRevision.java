package no.rusmonitor.indicator.compute;

/**
 * Which revision of the computation this build carries. Raise it in the change that makes the same answers
 * and definitions give other stored values (other figures, flags or suppression), whether through this code
 * or through the reference data built in (borders, population): values stored by an earlier revision are then
 * out of date, and indicator-service rebuilds them by itself once an instance of the new revision runs
 * (rebuild/ComputationUpgrade). A change that only computes faster, or adds what was not stored before, keeps
 * the revision. ComputationFingerprintTest fails until a change that moves the values has raised it.
 * <ol>
 * <li>The first computation.</li>
 * <li>Small-number suppression over both border systems together ({@link Suppressing}): under revision 1 a
 * hidden value could be recovered from the other system's published figures.</li>
 * </ol>
 */
public final class ComputationRevision {

    public static final int CURRENT = 2;

    private ComputationRevision() {
    }
}
