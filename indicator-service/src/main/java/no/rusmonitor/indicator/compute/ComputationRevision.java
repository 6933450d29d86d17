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
 * <li>Suppression also over the country's size classes as sums of the counties' ones, and, where both parts
 * of an indicator count persons, over each part alone: under revision 2 a county's hidden size class could be
 * recovered from the country's, and a hidden users_total from the other indicators that divide by it.</li>
 * <li>Suppression also between aggregates of the two border systems over the same or nested sets of
 * municipalities: under revision 3 a county as reported minus the same county on today's borders gave away a
 * hidden municipality that moved between them (Rømskog, 2019: Østfold 01 minus Østfold 31).</li>
 * <li>A response rate's reporting count is the municipalities that submitted: under revision 4 it counted every
 * expected one, so it always equalled the expected count (357 of 357 beside a rate of 48 %). A county where none
 * submitted keeps its rate of 0 %.</li>
 * <li>Values scaled before they are divided: under revision 5, 23 / 80 * 100 was 28.749999999999996, shown as
 * 28.7 where rounding half up gives 28.8.</li>
 * <li>Secondary suppression checked by an exact audit of every figure published ({@link ExactAudit}): under
 * revision 6 a hidden value could be worked out from three sums or more together (Hornindal, 2019: Sogn og
 * Fjordane plus Hordaland as reported minus Vestland on today's borders).</li>
 * <li>A municipality's numerator and denominator bounded ({@link Contributions#requireWithinBounds}): beyond
 * 10^15, or a denominator other than 0 nearer zero than 10^-6, its value is missing. Under revision 7 such parts,
 * which no real answers give, could store an infinite value that no table or event can carry.</li>
 * <li>A value without one (a denominator of 0) protected like a hidden one ({@link Cell#withheld()}): its parts
 * are in every total, and under revision 8 a county minus the municipalities shown gave its numerator away (three
 * users of a municipality without FTEs, for an indicator of users per FTE).</li>
 * <li>Two municipalities' names as they were reported put right in the reference data ({@code EXPORT_ERRATA} of
 * MunicipalityCatalogue): under revision 9 Steinkjer's values of 2020-2023 were stored as "teinkj", and Oslo's of
 * 2015-2019 as "Oslo municipality".</li>
 * </ol>
 */
public final class ComputationRevision {

    public static final int CURRENT = 10;

    private ComputationRevision() {
    }
}
