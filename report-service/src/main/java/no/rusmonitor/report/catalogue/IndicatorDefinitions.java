package no.rusmonitor.report.catalogue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The definitions report-service has received, by indicator and version: what one report is built with. */
public final class IndicatorDefinitions {

    /** None received: every indicator is shown as the catalogue has it. */
    public static final IndicatorDefinitions NONE = new IndicatorDefinitions(List.of());

    private final Map<String, Map<Integer, IndicatorDefinition>> byIndicator = new HashMap<>();

    public IndicatorDefinitions(List<IndicatorDefinition> definitions) {
        for (IndicatorDefinition d : definitions) {
            byIndicator.computeIfAbsent(d.indicatorId(), id -> new HashMap<>()).put(d.version(), d);
        }
    }

    /** The definition of that version, or null if it has not arrived. */
    public IndicatorDefinition find(String indicatorId, int version) {
        Map<Integer, IndicatorDefinition> versions = byIndicator.get(indicatorId);
        return versions == null ? null : versions.get(version);
    }

    /**
     * How to show an indicator whose newest values name definition {@code valuesVersion}: as that version says
     * (names, unit, decimals, and its goal if the report has a section for it), in the catalogue's place and with
     * its polarity, which a definition does not carry; as the catalogue says if that version has not arrived.
     * indicator-service publishes every value again under a new version, even one that changes no figure, so the
     * values always name the version they were computed with.
     */
    public IndicatorInfo info(String indicatorId, int valuesVersion, String goalFromEvent, String unitFromEvent) {
        IndicatorInfo catalogued = IndicatorCatalogue.info(indicatorId, goalFromEvent, unitFromEvent);
        IndicatorDefinition definition = find(indicatorId, valuesVersion);
        if (definition == null) {
            return catalogued;
        }
        String goal = definition.goal() != null && IndicatorCatalogue.GOALS.contains(definition.goal()) ? definition.goal() : catalogued.goal();
        return new IndicatorInfo(indicatorId, goal, definition.nameNb(), definition.nameEn(), definition.unit(), definition.decimals(),
                catalogued.polarity(), catalogued.order());
    }
}
