package no.rusmonitor.report.catalogue;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

class IndicatorDefinitionsTest {

    private static final String WAITING = "goal3.waiting_days";
    private static final IndicatorDefinition WAITING_V2 = new IndicatorDefinition(WAITING, 2, "Ventetid i timer", "Waiting time in hours",
            "hours", 0, "3", Instant.parse("2026-12-07T12:00:00Z"));

    private final IndicatorDefinitions definitions = new IndicatorDefinitions(List.of(WAITING_V2));

    @Test
    void theVersionTheValuesNameNamesTheIndicator() {
        IndicatorInfo info = definitions.info(WAITING, 2, "3", "days");
        assertEquals(new IndicatorInfo(WAITING, "3", "Ventetid i timer", "Waiting time in hours", "hours", 0, Polarity.lower_is_better,
                IndicatorCatalogue.info(WAITING, null, null).order()), info, "polarity and place stay the catalogue's");
    }

    @Test
    void valuesStillNamingAnOlderVersionAreShownAsThatVersionSays() {
        // Version 2 has arrived, its values not yet: until they do, the figures are version 1's and so are the labels.
        IndicatorDefinitions both = new IndicatorDefinitions(List.of(WAITING_V2,
                new IndicatorDefinition(WAITING, 1, "Ventetid", "Waiting time", "days", 1, "3", Instant.parse("2026-01-01T00:00:00Z"))));
        assertEquals("Waiting time", both.info(WAITING, 1, "3", "days").name("en"));
        assertEquals(1, both.info(WAITING, 1, "3", "days").decimals());
        assertEquals("Waiting time in hours", both.info(WAITING, 2, "3", "days").name("en"));
    }

    @Test
    void aVersionNotReceivedIsShownAsTheCatalogueHasIt() {
        assertEquals(IndicatorCatalogue.info(WAITING, "3", "days"), definitions.info(WAITING, 1, "3", "days"));
        assertEquals(IndicatorCatalogue.info(WAITING, "3", "days"), definitions.info(WAITING, 3, "3", "days"));
        assertEquals(IndicatorCatalogue.info(WAITING, "3", "days"), IndicatorDefinitions.NONE.info(WAITING, 2, "3", "days"));
    }

    @Test
    void aGoalTheReportHasNoSectionForKeepsTheCatalogues() {
        IndicatorDefinitions elsewhere = new IndicatorDefinitions(List.of(new IndicatorDefinition(WAITING, 2, "nb", "en", "days", 1, "9", null)));
        assertEquals("3", elsewhere.info(WAITING, 2, "3", "days").goal());
        IndicatorDefinitions none = new IndicatorDefinitions(List.of(new IndicatorDefinition(WAITING, 2, "nb", "en", "days", 1, null, null)));
        assertEquals("3", none.info(WAITING, 2, "3", "days").goal());
        IndicatorDefinitions moved = new IndicatorDefinitions(List.of(new IndicatorDefinition(WAITING, 2, "nb", "en", "days", 1, "4", null)));
        assertEquals("4", moved.info(WAITING, 2, "3", "days").goal());
    }

    @Test
    void anIndicatorTheCatalogueLacksIsNamedByItsDefinitionAndStaysNeutralAndLast() {
        IndicatorDefinitions novel = new IndicatorDefinitions(List.of(new IndicatorDefinition("goal2.novel_share", 1, "Ny andel", "New share",
                "percent", 2, "2", null)));
        IndicatorInfo info = novel.info("goal2.novel_share", 1, "2", "percent");
        assertEquals("New share", info.name("en"));
        assertEquals("Ny andel", info.name("nb"));
        assertEquals(2, info.decimals());
        assertEquals(Polarity.neutral, info.polarity());
        assertEquals(IndicatorCatalogue.info("goal2.novel_share", "2", "percent").order(), info.order());
    }
}
