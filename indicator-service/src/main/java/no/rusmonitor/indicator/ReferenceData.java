package no.rusmonitor.indicator;

import java.time.Clock;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import no.rusmonitor.indicator.compute.Geography;
import no.rusmonitor.reference.MunicipalityCatalogue;

/** The municipality catalogue and the areas worked out from it, read once at start; and the clock. */
public class ReferenceData {

    @Produces
    @Singleton
    MunicipalityCatalogue catalogue() {
        return MunicipalityCatalogue.load();
    }

    @Produces
    @Singleton
    Geography geography(MunicipalityCatalogue catalogue) {
        return new Geography(catalogue);
    }

    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }
}
