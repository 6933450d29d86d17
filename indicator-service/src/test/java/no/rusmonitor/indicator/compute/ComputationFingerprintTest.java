package no.rusmonitor.indicator.compute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import no.rusmonitor.indicator.definition.Aggregation;
import no.rusmonitor.indicator.definition.DefinitionContent;
import no.rusmonitor.indicator.definition.LocalizedText;
import no.rusmonitor.indicator.definition.PersonCountPart;
import no.rusmonitor.reference.Municipality;
import no.rusmonitor.reference.MunicipalityCatalogue;

/**
 * Holds {@link ComputationRevision} to its rule: the same answers and definitions giving other stored values
 * raises the revision, so that every deployment rebuilds what it stored. This computes every value of every
 * year for a fixed set of definitions (written here, not the catalogue's, whose changes are versioned on
 * their own) over generated answers that reach every branch of the computation, and compares a digest of
 * what would be stored with the digest recorded for the current revision in
 * {@code computation-fingerprints.properties}. The reference data is the real one: a change to it changes
 * stored values as well, and needs the same rebuild.
 */
class ComputationFingerprintTest {

    private static final String RECORDED = "computation-fingerprints.properties";
    private static final String RECORDED_IN = "indicator-service/src/test/resources/" + RECORDED;
    private static final MunicipalityCatalogue CATALOGUE = MunicipalityCatalogue.load();
    private static final Geography GEOGRAPHY = new Geography(CATALOGUE);
    private static final List<String> CHOICES = List.of("increased", "unchanged", "decreased");

    private static List<ComputedValue> values;

    @BeforeAll
    static void computeEverything() throws Exception {
        List<CompiledIndicator> indicators = List.of(
                indicator("share_of_persons", "users_with_individual_plan", "users_total", 100, Aggregation.sum_over_reporting,
                        PersonCountPart.numerator, PersonCountPart.denominator),
                indicator("weighted_average", "waiting_days_avg * users_total", "users_total", 1, Aggregation.sum_over_reporting,
                        PersonCountPart.denominator),
                indicator("per_population", "housing_units", "population", 1000, Aggregation.sum_over_reporting),
                indicator("share_of_municipalities", "IF(budget_change == \"increased\", 1, 0)", "1", 100, Aggregation.sum_over_reporting),
                indicator("response_rate", "IF(submitted, 1, 0)", "1", 100, Aggregation.sum_over_expected));
        // java.util.Random's sequence is fixed by its specification, so the answers are the same on every JDK.
        Random random = new Random(20_24);
        values = new ArrayList<>();
        for (int year : CATALOGUE.years()) {
            YearGeography geography = GEOGRAPHY.year(year);
            Map<String, AnswerSet> answers = new HashMap<>();
            for (Municipality m : geography.municipalities()) {
                if (random.nextInt(100) >= 15) {
                    answers.put(m.code(), answers(m, random));
                }
            }
            for (CompiledIndicator indicator : indicators) {
                values.addAll(FromAnswers.compute(indicator, geography, answers));
            }
        }
    }

    /** Small user counts often enough to be suppressed, a zero now and then, and some questions left unanswered. */
    private static AnswerSet answers(Municipality m, Random random) {
        Map<String, Object> answers = new HashMap<>();
        int users = random.nextInt(100) < 30 ? random.nextInt(13) : 10 + random.nextInt(600);
        answers.put("users_total", BigDecimal.valueOf(users));
        answers.put("users_with_individual_plan", BigDecimal.valueOf(random.nextInt(users + 1)));
        answers.put("waiting_days_avg", BigDecimal.valueOf(random.nextInt(600), 1));
        if (random.nextInt(100) >= 10) {
            answers.put("housing_units", BigDecimal.valueOf(random.nextInt(50)));
        }
        answers.put("budget_change", CHOICES.get(random.nextInt(CHOICES.size())));
        return new AnswerSet(m.code(), m.year(), 1, 1, answers, Instant.EPOCH, "fingerprint");
    }

    private static CompiledIndicator indicator(String id, String numerator, String denominator, double factor, Aggregation aggregation,
            PersonCountPart... personCounts) throws Exception {
        DefinitionContent content = new DefinitionContent(new LocalizedText(id, id), null, "3", "unit", 1, numerator, denominator,
                factor, aggregation, List.of(personCounts), null);
        return CompiledIndicator.compile(id, 1, content);
    }

    @Test
    void theAnswersReachEveryBranchOfTheComputation() {
        Set<Suppression> suppressions = EnumSet.noneOf(Suppression.class);
        Set<MissingReason> missing = EnumSet.noneOf(MissingReason.class);
        Set<Status> statuses = EnumSet.noneOf(Status.class);
        for (ComputedValue v : values) {
            suppressions.add(v.suppressed());
            statuses.add(v.status());
            if (v.missingReason() != null) {
                missing.add(v.missingReason());
            }
        }
        assertEquals(EnumSet.allOf(Suppression.class), suppressions, "a digest blind to a kind of suppression guards nothing");
        assertEquals(EnumSet.allOf(Status.class), statuses);
        assertEquals(EnumSet.allOf(MissingReason.class), missing);
        assertTrue(values.stream().anyMatch(v -> v.sizeClasses() != null && v.sizeClasses().stream()
                .anyMatch(s -> s.suppressed() != Suppression.none)), "a size class is suppressed somewhere");
    }

    @Test
    void theStoredValuesAreThoseTheCurrentRevisionRecorded() throws Exception {
        String digest = digest(values);
        String recorded = recorded().getProperty(Integer.toString(ComputationRevision.CURRENT));
        int next = ComputationRevision.CURRENT + 1;
        if (recorded == null) {
            fail("Revision " + ComputationRevision.CURRENT + " has no recorded fingerprint: add the line "
                    + ComputationRevision.CURRENT + "=" + digest + " to " + RECORDED_IN);
        }
        assertEquals(recorded, digest, "The same answers and definitions now give other stored values than revision "
                + ComputationRevision.CURRENT + " did. If that is meant, raise ComputationRevision.CURRENT to " + next
                + ", say why in its list, and add the line " + next + "=" + digest + " to " + RECORDED_IN
                + ", so that every deployment rebuilds its values. (A change that only stores something new, and leaves"
                + " every value stored before right, replaces the current revision's line instead.)");
    }

    private static Properties recorded() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = ComputationFingerprintTest.class.getResourceAsStream("/" + RECORDED)) {
            properties.load(in);
        }
        return properties;
    }

    /** SHA-256 over every stored field of every value, doubles by their bits (their text differs between JDKs). */
    private static String digest(List<ComputedValue> values) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        for (ComputedValue v : values) {
            StringBuilder line = new StringBuilder();
            // The submission version is bookkeeping, not stored with the value (ComputedValue.sameStored).
            append(line, v.withSubmissionVersion(null));
            sha.update(line.append('\n').toString().getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static void append(StringBuilder out, Object value) throws Exception {
        if (value instanceof Double d) {
            out.append(Long.toHexString(Double.doubleToLongBits(d)));
        } else if (value instanceof Record record) {
            out.append('(');
            for (RecordComponent component : record.getClass().getRecordComponents()) {
                append(out, component.getAccessor().invoke(record));
                out.append(';');
            }
            out.append(')');
        } else if (value instanceof List<?> list) {
            out.append('[');
            for (Object element : list) {
                append(out, element);
                out.append(',');
            }
            out.append(']');
        } else {
            out.append(value);
        }
    }
}
