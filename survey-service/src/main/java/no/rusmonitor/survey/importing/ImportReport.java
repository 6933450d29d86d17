package no.rusmonitor.survey.importing;

import java.util.List;

/** The per-row report of an import or a dry run. */
public record ImportReport(boolean dryRun, int rows, int imported, int unchanged, int rejected, int municipalitiesAccepted,
        int municipalitiesRejected, List<RowResult> results) {

    static ImportReport of(boolean dryRun, List<RowResult> results) {
        int imported = 0;
        int unchanged = 0;
        int rejected = 0;
        java.util.Set<String> accepted = new java.util.TreeSet<>();
        java.util.Set<String> refused = new java.util.TreeSet<>();
        for (RowResult r : results) {
            switch (r.status()) {
                case imported, valid -> imported++;
                case unchanged -> unchanged++;
                case rejected, rejected_with_municipality -> rejected++;
            }
            String who = r.municipalityCode() == null ? "row " + r.row() : r.municipalityCode();
            if (r.status() == RowResult.Status.rejected || r.status() == RowResult.Status.rejected_with_municipality) {
                refused.add(who);
            } else {
                accepted.add(who);
            }
        }
        accepted.removeAll(refused);
        return new ImportReport(dryRun, results.size(), imported, unchanged, rejected, accepted.size(), refused.size(), results);
    }
}
