package no.rusmonitor.indicator.formula;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

class FormulaTest {

    private static double eval(String text, Map<String, Object> values) throws FormulaException {
        return Formula.compile(text).evaluate(values);
    }

    @Test
    void arithmeticOverAnswers() throws Exception {
        assertEquals(15.5, eval("fte_adults + fte_youth", Map.of("fte_adults", new BigDecimal("12.5"), "fte_youth", new BigDecimal("3"))));
        assertEquals(14.0 * 180, eval("waiting_days_avg * users_total", Map.of("waiting_days_avg", new BigDecimal("14"), "users_total", new BigDecimal("180"))));
    }

    @Test
    void yesNoAndChoicesBecomeCounts() throws Exception {
        assertEquals(1, eval("IF(user_council, 1, 0)", Map.of("user_council", true)));
        assertEquals(0, eval("IF(user_council, 1, 0)", Map.of("user_council", false)));
        String large = "IF(extra_funds_used == \"very_large\" || extra_funds_used == \"large\", 1, 0)";
        assertEquals(1, eval(large, Map.of("extra_funds_used", "large")));
        assertEquals(0, eval(large, Map.of("extra_funds_used", "some")));
        assertEquals(1, eval("submitted", Map.of("submitted", true)), "a yes/no result counts as 1 or 0");
    }

    @Test
    void variablesAreTheNamesUsed() throws Exception {
        assertEquals(Set.of("users_with_individual_plan", "users_total"),
                Formula.compile("users_with_individual_plan / users_total").variables());
        assertEquals(Set.of(), Formula.compile("1").variables());
    }

    @Test
    void aSyntaxErrorSaysWhere() {
        FormulaException e = assertThrows(FormulaException.class, () -> Formula.compile("fte_adults + * fte_youth"));
        assertTrue(e.getMessage().contains("position"), e.getMessage());
        assertThrows(FormulaException.class, () -> Formula.compile("IF(user_council, 1"));
        assertThrows(FormulaException.class, () -> Formula.compile(""));
        assertThrows(FormulaException.class, () -> Formula.compile("x".repeat(Formula.MAX_LENGTH + 1)));
    }

    /** What a syntax error says is the service's own words, with where it is, never the formula library's text. */
    @Test
    void aSyntaxErrorIsDescribedInTheServicesOwnWords() {
        Map<String, String> diagnoses = Map.of(
                "IF(user_council, 1", "a parenthesis is opened and never closed",
                "a + b)", "a parenthesis is closed that was never opened at position 6 (')')",
                "fte_adults + * fte_youth", "something stands where it cannot at position 14 ('*')",
                "RANDOM()", "it calls a function the formula language does not have at position 1 ('RANDOM')",
                "\"text", "a quoted text is never closed",
                "a[1]", "it uses an operator the formula language does not have at position 2 ('[')");
        diagnoses.forEach((text, diagnosis) -> {
            String message = assertThrows(FormulaException.class, () -> Formula.compile(text), text).getMessage();
            assertTrue(message.startsWith("The formula cannot be read: " + diagnosis), text + ": " + message);
        });
        for (String text : new String[] { "a b", "(a + b", "a.b", "1e", "a +", "a = = b" }) {
            String message = assertThrows(FormulaException.class, () -> Formula.compile(text), text).getMessage();
            assertTrue(message.startsWith("The formula cannot be read: "), text + ": " + message);
            assertFalse(message.matches("(?s).*(Exception|java\\.|com\\.ezylang|class |not found|Undefined|Unexpected|Missing|operand).*"),
                    text + ": " + message);
        }
    }

    @Test
    void nothingReachesTheJvm() {
        // No method calls, no reflection, no functions beyond the pure ones listed.
        assertThrows(FormulaException.class, () -> Formula.compile("java.lang.System.exit(1)"));
        assertThrows(FormulaException.class, () -> Formula.compile("\"\".getClass().forName(\"java.lang.Runtime\")"));
        assertThrows(FormulaException.class, () -> Formula.compile("RANDOM()"));
        assertThrows(FormulaException.class, () -> Formula.compile("DT_NOW()"));
        assertThrows(FormulaException.class, () -> Formula.compile("a[0]"));
        assertThrows(FormulaException.class, () -> Formula.compile("a.b"));
    }

    @Test
    void hugePowersDoNotHang() {
        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
            try {
                eval("10 ^ 999999999", Map.of());
            } catch (FormulaException expected) {
                // refusing is as good as answering quickly
            }
        });
    }

    /** Rounding or taking the root of a number past a double's size, or rounding to such a scale, would build a number of a billion digits. */
    @Test
    void roundingAndRootsAreRefusedBeyondWhatADoubleHolds() throws Exception {
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            for (String text : new String[] { "FLOOR(1E+999999999)", "CEILING(1E-999999999)", "ROUND(users, 100000000)",
                    "ROUND(users, -100000000)", "ROUND(1E+999999999, 0)", "SQRT(10 ^ 300000000)" }) {
                FormulaException e = assertThrows(FormulaException.class, () -> eval(text, Map.of("users", BigDecimal.TEN)), text);
                assertFalse(e.getMessage().matches("(?s).*(Exception|java\\.|com\\.ezylang|class ).*"), text + ": " + e.getMessage());
            }
        });
        assertEquals(12.35, eval("ROUND(x, 2)", Map.of("x", new BigDecimal("12.346"))));
        assertEquals(12, eval("FLOOR(x)", Map.of("x", new BigDecimal("12.9"))));
        assertEquals(-12, eval("CEILING(x)", Map.of("x", new BigDecimal("-12.9"))));
        assertEquals(1E300, eval("FLOOR(1E+300)", Map.of()));
        assertEquals(12, eval("SQRT(x)", Map.of("x", new BigDecimal("144"))), 1e-9);
    }

    @Test
    void aResultBeyondADoubleIsAnErrorNotInfinity() throws Exception {
        // Finite for the typical population a definition is tried with, beyond a double for Oslo's.
        assertEquals(12_345 * 12_345, eval("population ^ 2", Map.of("population", BigDecimal.valueOf(12_345))), 0.5);
        assertThrows(FormulaException.class, () -> eval("population ^ 55", Map.of("population", BigDecimal.valueOf(709_037))));
        assertThrows(FormulaException.class, () -> eval("users * 1E+400", Map.of("users", BigDecimal.TEN)));
    }

    @Test
    void textWhereANumberBelongsIsAnError() {
        assertThrows(FormulaException.class, () -> eval("budget_change + 1", Map.of("budget_change", "increased")));
        assertThrows(FormulaException.class, () -> eval("users / 0", Map.of("users", BigDecimal.TEN)));
        assertThrows(FormulaException.class, () -> eval("a + b", Map.of("a", BigDecimal.ONE)), "every variable needs a value");
        for (String text : new String[] { "budget_change * users", "users / 0", "budget_change - users" }) {
            FormulaException e = assertThrows(FormulaException.class,
                    () -> eval(text, Map.of("budget_change", "increased", "users", BigDecimal.TEN)));
            assertFalse(e.getMessage().matches("(?s).*(Exception|java\\.|com\\.ezylang|class ).*"), text + ": " + e.getMessage());
        }
    }
}
