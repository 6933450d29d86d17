package no.rusmonitor.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

class MunicipalityCatalogueTest {

    private static final MunicipalityCatalogue CATALOGUE = MunicipalityCatalogue.load();

    @Test
    void countsMatchTheMunicipalReforms() {
        Map<Integer, Integer> expected = Map.of(2015, 428, 2016, 428, 2017, 426, 2018, 422, 2019, 422,
                2020, 356, 2021, 356, 2022, 356, 2023, 356, 2024, 357);
        expected.forEach((year, count) -> assertEquals(count, CATALOGUE.validIn(year).size(), "municipalities in " + year));
    }

    @Test
    void sandefjordsPredecessorsExistBeforeTheirMergerWithoutPopulation() {
        Municipality andebu = CATALOGUE.find("0719", 2016).orElseThrow();
        assertEquals("Andebu", andebu.name());
        assertFalse(andebu.hasPopulation());
        assertFalse(CATALOGUE.isValid("0719", 2017));
        assertTrue(CATALOGUE.isValid("0710", 2017));
    }

    @Test
    void codesAreValidOnlyInTheirYears() {
        assertTrue(CATALOGUE.isValid("0301", 2015));
        assertTrue(CATALOGUE.isValid("3001", 2020));
        assertFalse(CATALOGUE.isValid("3001", 2024));
        assertTrue(CATALOGUE.isValid("3101", 2024));
        assertFalse(CATALOGUE.isValid("0101", 2020));
        assertTrue(CATALOGUE.isKnown("0101"));
        assertFalse(CATALOGUE.isKnown("9999"));
    }

    @Test
    void municipalitiesCarryTheirCountyOfThatYear() {
        assertEquals("Viken", CATALOGUE.find("3001", 2020).orElseThrow().countyName());
        assertEquals("Østfold", CATALOGUE.find("3101", 2024).orElseThrow().countyName());
        assertEquals("Sør-Trøndelag", CATALOGUE.find("1601", 2016).orElseThrow().countyName());
        assertEquals(717710L, CATALOGUE.find("0301", 2024).orElseThrow().population());
    }

    @Test
    void garbledNamesAreReplacedFromAnotherYear() {
        assertEquals("Bærum", CATALOGUE.find("0219", 2019).orElseThrow().name());
    }

    @Test
    void namesTheExportsGiveWronglyButReadablyArePutRight() {
        for (int year = 2020; year <= 2024; year++) {
            assertEquals("Steinkjer", CATALOGUE.find("5006", year).orElseThrow().name(), "Steinkjer in " + year);
        }
        for (int year = 2015; year <= 2024; year++) {
            assertEquals("Oslo", CATALOGUE.find("0301", year).orElseThrow().name(), "Oslo in " + year);
        }
    }

    @Test
    void populationOf2024SumsToTheOfficialTotal() {
        long total = CATALOGUE.validIn(2024).stream().mapToLong(Municipality::population).sum();
        assertEquals(5_550_203L, total);
    }

    @Test
    void mergersMapOntoTodaysBorders() {
        assertEquals(Set.of("3103"), CATALOGUE.currentCodesOf("0104", 2019));
        BorderMapping moss = CATALOGUE.todaysBordersFor(2019).get("3103");
        assertEquals(List.of("0104", "0136"), moss.predecessors());
        assertTrue(moss.complete());
    }

    @Test
    void yearsBeforeASplitAreIncomplete() {
        assertEquals(Set.of("5055", "5056", "5059"), CATALOGUE.currentCodesOf("5012", 2019));
        assertFalse(CATALOGUE.todaysBordersFor(2019).get("5055").complete());
        assertTrue(CATALOGUE.todaysBordersFor(2020).get("5055").complete());
    }

    /** Who may answer for a municipality after it changed: the one it became whole, never one of several. */
    @Test
    void aMunicipalityThatBecameOneOfTodaysHasItAsSoleSuccessor() {
        assertEquals(Optional.of("3101"), CATALOGUE.soleSuccessorOf("3001", 2023), "Halden, renumbered in 2024");
        assertEquals(Optional.of("3101"), CATALOGUE.soleSuccessorOf("0101", 2019), "and in 2020 before that");
        assertEquals(Optional.of("3118"), CATALOGUE.soleSuccessorOf("0124", 2019), "Askim, merged into Indre Østfold");
        assertEquals(Optional.of("0301"), CATALOGUE.soleSuccessorOf("0301", 2019), "Oslo, unchanged");
        assertEquals(Optional.empty(), CATALOGUE.soleSuccessorOf("5012", 2019), "Snillfjord, split between three");
        assertEquals(Optional.empty(), CATALOGUE.soleSuccessorOf("0301", 9999), "a year the catalogue does not cover");
    }

    /** Last year's answers, for the year-on-year warnings: under last year's code, where only the code changed. */
    @Test
    void lastYearsCodeIsTheOwnOrTheOneRenumberedFromNeverOneWithOtherBorders() {
        assertEquals(Optional.of("3001"), CATALOGUE.lastYearsCodeOf("3101", 2024), "Halden in 2023");
        assertEquals(Optional.of("0101"), CATALOGUE.lastYearsCodeOf("3001", 2020), "Halden in 2019");
        assertEquals(Optional.of("0301"), CATALOGUE.lastYearsCodeOf("0301", 2020), "Oslo");
        assertEquals(Optional.empty(), CATALOGUE.lastYearsCodeOf("3014", 2020), "Indre Østfold: five municipalities in 2019");
        assertEquals(Optional.of("3014"), CATALOGUE.lastYearsCodeOf("3118", 2024), "and itself in 2023");
        assertEquals(Optional.empty(), CATALOGUE.lastYearsCodeOf("1103", 2020), "Stavanger took in Finnøy and Rennesøy in 2020");
        assertEquals(Optional.empty(), CATALOGUE.lastYearsCodeOf("5001", 2020), "Trondheim took in Klæbu");
        assertEquals(Optional.of("1103"), CATALOGUE.lastYearsCodeOf("1103", 2021), "Stavanger the year after, on the same borders");
        assertEquals(Optional.of("5001"), CATALOGUE.lastYearsCodeOf("5001", 2023), "Trondheim when only its name changed");
        assertEquals(Optional.empty(), CATALOGUE.lastYearsCodeOf("3101", 9999), "a year the catalogue does not cover");
        assertEquals(Optional.empty(), CATALOGUE.lastYearsCodeOf("0301", 2015), "nor the year before it");
    }

    @Test
    void everyMunicipalityOfEveryYearReachesTodaysBorders() {
        for (int year : CATALOGUE.years()) {
            for (Municipality m : CATALOGUE.validIn(year)) {
                Set<String> today = CATALOGUE.currentCodesOf(m.code(), year);
                assertFalse(today.isEmpty(), m.code() + " of " + year + " maps to no municipality of today");
                for (String code : today) {
                    assertTrue(CATALOGUE.isValid(code, 2024), m.code() + " of " + year + " maps to unknown " + code);
                }
            }
        }
    }
}
