package no.rusmonitor.survey.reference;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import no.rusmonitor.reference.MunicipalityCatalogue;

/** The municipality catalogue, read once at start. */
public class ReferenceData {

    @Produces
    @Singleton
    MunicipalityCatalogue catalogue() {
        return MunicipalityCatalogue.load();
    }
}
