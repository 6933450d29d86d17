package no.rusmonitor.report.report;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.smallrye.mutiny.Uni;
import no.rusmonitor.platform.problem.ApiException;
import no.rusmonitor.reference.BorderMapping;
import no.rusmonitor.reference.Municipality;
import no.rusmonitor.reference.MunicipalityCatalogue;
import no.rusmonitor.report.catalogue.IndicatorDefinitions;
import no.rusmonitor.report.readmodel.IndicatorDefinitionRepository;
import no.rusmonitor.report.readmodel.IndicatorValue;
import no.rusmonitor.report.readmodel.IndicatorValueRepository;

/**
 * Reads what a report needs from the read model (one query, one consistent snapshot) and the indicator definitions
 * received (a second, small one, alongside), and assembles it.
 */
@ApplicationScoped
public class ReportService {

    private final IndicatorValueRepository values;
    private final IndicatorDefinitionRepository definitions;
    private final MunicipalityCatalogue catalogue;

    @Inject
    public ReportService(IndicatorValueRepository values, IndicatorDefinitionRepository definitions, MunicipalityCatalogue catalogue) {
        this.values = values;
        this.definitions = definitions;
        this.catalogue = catalogue;
    }

    /** The values a report is built from, raw, and the definitions that say how to show their indicators. */
    public record Sources(ReportKey key, Municipality municipality, List<IndicatorValue> values, IndicatorDefinitions definitions) {
    }

    public Uni<Sources> sources(ReportKey key) {
        Municipality today = key.isNational() ? null : municipality(key.municipalityCode());
        return Uni.combine().all().unis(rows(key, today), definitions.all()).asTuple()
                .map(both -> new Sources(key, today, both.getItem1(), both.getItem2()));
    }

    private Uni<List<IndicatorValue>> rows(ReportKey key, Municipality today) {
        if (today == null) {
            return values.forNationalReport(key.year()).invoke(rows -> {
                boolean any = rows.stream().anyMatch(v -> v.year() == key.year() && IndicatorValue.COUNTRY.equals(v.level()));
                if (!any) {
                    throw ApiException.notFound("There are no national indicator values for " + key.year() + " yet.");
                }
            });
        }
        return values.forProfile(today.code(), today.countyCode(), key.year(), predecessors(today.code(), key.year())).invoke(rows -> {
            boolean any = rows.stream().anyMatch(v -> v.year() == key.year());
            if (!any) {
                throw ApiException.notFound("There are no indicator values for " + key.year() + " yet.");
            }
        });
    }

    /**
     * The other municipalities whose submissions a profile's values on today's borders were summed from, up to
     * {@code year}: Finnøy and Rennesøy for Stavanger until 2019. Their own values are read with the profile's,
     * so that a published version names every submission behind it. A year whose mapping is incomplete (one
     * of the predecessors was later split between several: each year up to 2019 for the municipalities that
     * took parts of Snillfjord) has no value on today's borders, so nothing was summed from its predecessors,
     * and they are not named.
     */
    List<String> predecessors(String code, int year) {
        Set<String> codes = new TreeSet<>();
        for (int y = MunicipalityCatalogue.FIRST_YEAR; y <= year && y <= MunicipalityCatalogue.LAST_YEAR; y++) {
            BorderMapping mapping = catalogue.todaysBordersFor(y).get(code);
            if (mapping != null && mapping.complete()) {
                codes.addAll(mapping.predecessors());
            }
        }
        codes.remove(code);
        return List.copyOf(codes);
    }

    public Report build(Sources sources, String lang, boolean unsuppressed) {
        ReportKey key = sources.key();
        if (key.isNational()) {
            return NationalReportBuilder.build(key.year(), lang, unsuppressed, sources.values(), sources.definitions());
        }
        return ProfileBuilder.build(sources.municipality(), key.year(), lang, unsuppressed, sources.values(), catalogue,
                sources.definitions());
    }

    /** A municipality on today's borders, or a 404 that says what the code became. */
    public Municipality municipality(String code) {
        Optional<Municipality> today = catalogue.find(code, MunicipalityCatalogue.CURRENT_BORDERS_YEAR);
        if (today.isPresent()) {
            return today.get();
        }
        if (catalogue.isKnown(code)) {
            for (int year = MunicipalityCatalogue.LAST_YEAR; year >= MunicipalityCatalogue.FIRST_YEAR; year--) {
                if (catalogue.isValid(code, year)) {
                    throw ApiException.notFound("Municipality " + code + " was last valid in " + year + "; profiles are on today's borders, "
                            + "where it is part of " + String.join(", ", catalogue.currentCodesOf(code, year)) + ".");
                }
            }
        }
        throw ApiException.notFound("There is no municipality " + code + " on today's borders.");
    }
}
