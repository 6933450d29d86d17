package no.rusmonitor.report.report;

/** Which report: the national one of a year, or a municipality's profile of a year. */
public record ReportKey(String kind, String municipalityCode, int year) {

    public static ReportKey national(int year) {
        return new ReportKey(NationalReport.KIND, null, year);
    }

    public static ReportKey profile(String code, int year) {
        return new ReportKey(MunicipalityProfile.KIND, code, year);
    }

    public boolean isNational() {
        return NationalReport.KIND.equals(kind);
    }

    /** {@code national/2024} or {@code municipality/0301/2024}: the id of its published versions. */
    public String id() {
        return isNational() ? "national/" + year : "municipality/" + municipalityCode + "/" + year;
    }

    /** The API path of the draft, without a format extension. */
    public String path() {
        return isNational() ? "/api/reports/national/" + year : "/api/reports/municipalities/" + municipalityCode + "/" + year;
    }
}
