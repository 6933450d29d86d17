package no.rusmonitor.survey.reference;

import no.rusmonitor.reference.Municipality;

/** A municipality as valid in one year, as the API shows it. */
public record MunicipalityView(String code, String name, int year, String countyCode, String countyName, Long population) {

    static MunicipalityView of(Municipality m) {
        return new MunicipalityView(m.code(), m.name(), m.year(), m.countyCode(), m.countyName(), m.population());
    }
}
