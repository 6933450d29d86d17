package no.rusmonitor.report;

import java.time.Clock;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import no.rusmonitor.reference.MunicipalityCatalogue;

/** The municipality catalogue, read once at start, and the clock every timestamp is read from. */
public class ReferenceData {

    @Produces
    @Singleton
    MunicipalityCatalogue catalogue() {
        return MunicipalityCatalogue.load();
    }

    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }
}
