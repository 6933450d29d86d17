package no.rusmonitor.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import no.rusmonitor.system.RecordedLoad.Attempt;
import no.rusmonitor.system.RunningSystem.Service;

/**
 * Faults injected while municipalities submit at a steady pace: the Kafka broker stopped for 30 s,
 * indicator-service killed (SIGKILL) and stopped (SIGTERM), survey-service stopped (SIGTERM), the
 * PostgreSQL under survey-service restarted, and every event delivered twice. After each, with the
 * system at rest: every submission answered 2xx is stored exactly once and published, indicator-service
 * holds every municipality's newest version, its values equal a full rebuild from scratch, and nothing
 * was counted twice. A second indicator-service, started on an empty database before the faults and
 * left alone, reads the same topic and must arrive at the same values. The table goes to stdout and to
 * system-tests/target/fault-injection.md. See docs/fault-injection.md.
 */
class FaultInjectionIT {

    /**
     * A year of its own, so that other system tests' submissions (2021-2024) do not mix with these:
     * survey-service starts afresh on its private database, but indicator-service keeps what it consumed
     * before. 2020 has the same questions and the same 356 municipalities as the years after it.
     */
    private static final int YEAR = 2020;
    private static final int USERS = 8;
    private static final int PER_SECOND = 20;
    /** Submissions accepted before each fault and again after it (which proves the system recovered) before the load stops. */
    private static final int STEADY = 40;
    private static final Duration RECOVERY = Duration.ofSeconds(60);
    /** How long the system may take to come to rest after a fault (consumers catching up) before that counts as a mismatch. */
    private static final Duration QUIET = Duration.ofSeconds(240);

    private interface Fault {
        void inject() throws Exception;
    }

    @Test
    void everyAcceptedSubmissionIsStoredOncePublishedAndCountedOnceWhateverFails() throws Exception {
        RunningSystem system = RunningSystem.with();
        PrivatePostgres surveyDatabase = system.privateDatabase(Service.SURVEY);
        RunningSystem.with(Service.SURVEY, Service.INDICATOR);
        try (java.sql.Connection indicator = system.database(Service.INDICATOR)) {
            assertTrue(IndicatorTables.answerVersions(indicator, YEAR).isEmpty(), "no other test in this JVM submitted for " + YEAR);
        }
        SurveyClient survey = new SurveyClient(system.url(Service.SURVEY));
        survey.openYear(YEAR);
        List<String> codes = survey.municipalities(YEAR);
        FaultTable table = new FaultTable();
        try (Consistency consistency = new Consistency(system, YEAR); ControlInstance control = ControlInstance.start(system)) {
            table.add(underLoad("Kafka broker stopped 30 s", survey, codes, consistency, () -> {
                system.kafka().stop();
                try {
                    Thread.sleep(20_000);
                    assertReadyWithoutKafka(system, Service.SURVEY, Service.INDICATOR);
                    Thread.sleep(10_000);
                } finally {
                    system.kafka().start();
                }
            }));
            table.add(underLoad("indicator-service SIGKILL, started again", survey, codes, consistency, () -> {
                system.service(Service.INDICATOR).kill();
                system.service(Service.INDICATOR).start();
            }));
            table.add(underLoad("indicator-service SIGTERM, started again", survey, codes, consistency, () -> {
                system.service(Service.INDICATOR).stop();
                system.service(Service.INDICATOR).start();
            }));
            table.add(underLoad("survey-service SIGTERM, started again", survey, codes, consistency, () -> {
                system.service(Service.SURVEY).stop();
                system.service(Service.SURVEY).start();
            }));
            table.add(underLoad("PostgreSQL under survey-service down 5 s", survey, codes, consistency, () -> {
                surveyDatabase.stop();
                Thread.sleep(5_000);
                surveyDatabase.start();
            }));
            table.add(everyEventTwice(survey, codes, consistency));
            table.add(control.compareWith(system, consistency.topics()));
        }

        table.write(Path.of(System.getProperty("rusmonitor.root", "..")).resolve("system-tests/target/fault-injection.md"));
        System.out.println(table.markdown());
        assertEquals(0, table.mismatches(), "mismatches after the faults (see the table above)");
    }

    /**
     * The services keep taking requests while the broker is away: readiness does not hang on Kafka, or
     * Kubernetes would take every instance out of service for the outage (docs/development.md, Health).
     */
    private static void assertReadyWithoutKafka(RunningSystem system, Service... services) throws Exception {
        for (Service service : services) {
            assertTrue(system.service(service).healthy("/q/health/ready"), service + " is ready while Kafka is away");
        }
    }

    /** Load before, during and after the fault (until submissions are accepted again); then, at rest, every check. */
    private static FaultTable.Row underLoad(String name, SurveyClient survey, List<String> codes, Consistency consistency, Fault fault)
            throws Exception {
        List<Attempt> window;
        try (RecordedLoad load = RecordedLoad.start(survey, YEAR, codes, USERS, PER_SECOND)) {
            assertTrue(load.awaitAccepted(STEADY, RECOVERY), name + ": submissions are accepted before the fault");
            fault.inject();
            assertTrue(load.awaitAccepted(STEADY, RECOVERY), name + ": submissions are accepted again after the fault");
            load.stop();
            window = load.attempts();
        }
        List<String> notes = new ArrayList<>();
        int notQuiet = Consistency.note(notes, "time the system did not come to rest within " + QUIET.toSeconds() + " s",
                consistency.awaitQuiet(QUIET) ? 0 : 1, null);
        return consistency.check(name, window, notes, notQuiet);
    }

    /**
     * Every event on the topic produced once more while the load runs (as a duplicating relay or a
     * replay would), then, at rest, once more again: the second replay must not move a single revision.
     */
    private static FaultTable.Row everyEventTwice(SurveyClient survey, List<String> codes, Consistency consistency) throws Exception {
        Topics topics = consistency.topics();
        List<Attempt> window;
        int replayed;
        try (RecordedLoad load = RecordedLoad.start(survey, YEAR, codes, USERS, PER_SECOND)) {
            assertTrue(load.awaitAccepted(STEADY, RECOVERY), "submissions are accepted before the replay");
            var records = topics.readAll(Consistency.SUBMISSIONS);
            topics.replay(records);
            replayed = records.size();
            assertTrue(load.awaitAccepted(STEADY, RECOVERY), "submissions are accepted after the replay");
            load.stop();
            window = load.attempts();
        }
        List<String> notes = new ArrayList<>();
        int mismatches = Consistency.note(notes, "time the system did not come to rest within " + QUIET.toSeconds() + " s",
                consistency.awaitQuiet(QUIET) ? 0 : 1, null);
        notes.add("replayed " + replayed + " events under load");
        mismatches += consistency.replayChangesNothing(notes);
        return consistency.check("every event delivered twice", window, notes, mismatches);
    }
}
