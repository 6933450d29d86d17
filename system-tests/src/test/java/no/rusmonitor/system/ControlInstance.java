package no.rusmonitor.system;

import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import no.rusmonitor.system.RunningSystem.Service;
import no.rusmonitor.system.RunningSystem.ServiceProcess;
import no.rusmonitor.testsupport.PostgresTestResource;

/**
 * A second indicator-service on an empty database of its own, in a consumer group of its own, that no
 * fault touches (except the broker's outage, which every client shares): it reads the whole submissions
 * topic, every duplicate included, and must arrive at exactly the values of the instance that was
 * killed, stopped and flooded with duplicates. Its own changes and the definitions it seeds go to topics of
 * their own, so that readers of rusmonitor.indicators.v1 and rusmonitor.indicator-definitions.v1 never see them.
 */
final class ControlInstance implements AutoCloseable {

    private static final String NAME = "indicator-control";
    private static final String OWN_TOPIC = "systest.indicators.control";
    private static final String OWN_DEFINITIONS_TOPIC = "systest.indicator-definitions.control";

    private final ServiceProcess process;
    private final String group;

    private ControlInstance(ServiceProcess process, String group) {
        this.process = process;
        this.group = group;
    }

    static ControlInstance start(RunningSystem system) {
        system.kafka().createTopics(Map.of(OWN_TOPIC, 6, OWN_DEFINITIONS_TOPIC, 1));
        String group = NAME + "-" + UUID.randomUUID();
        ServiceProcess process = system.extraInstance(Service.INDICATOR, NAME,
                Map.of("MP_MESSAGING_INCOMING_SUBMISSIONS_GROUP_ID", group, "RUSMONITOR_TOPICS_INDICATORS", OWN_TOPIC,
                        "RUSMONITOR_TOPICS_DEFINITIONS", OWN_DEFINITIONS_TOPIC));
        return new ControlInstance(process, group);
    }

    /** Waits until it has read the whole topic, then compares every value with the live instance's. */
    FaultTable.Row compareWith(RunningSystem system, Topics topics) throws Exception {
        Instant started = Instant.now();
        Instant deadline = started.plus(Duration.ofSeconds(180));
        while (topics.lag(group, Consistency.SUBMISSIONS) != 0 && Instant.now().isBefore(deadline)) {
            Thread.sleep(500);
        }
        String database = PostgresTestResource.physicalName("systest_" + NAME.replace('-', '_'));
        Map<String, String> live;
        Map<String, String> control;
        try (Connection a = system.database(Service.INDICATOR); Connection b = system.database(Service.INDICATOR, database)) {
            // Not the definitions' version numbers: the control starts from the definition files, while other system
            // tests may have published an indicator again on the live instance (with the same content in the end).
            live = IndicatorTables.figures(a, "definition_version");
            control = IndicatorTables.figures(b, "definition_version");
        }
        Set<String> differences = IndicatorTables.differences(live, control);
        List<String> notes = new ArrayList<>();
        notes.add(control.size() + " values computed from the topic alone, " + differences.size() + " differ");
        int mismatches = Consistency.note(notes, "values differing from the live instance", differences.size(), differences);
        notes.add(Duration.between(started, Instant.now()).toSeconds() + " s to catch up");
        return new FaultTable.Row("second indicator-service, no faults, same topic", 0, 0, 0, 0, mismatches, 0, 0, String.join("; ", notes));
    }

    @Override
    public void close() {
        process.kill();
    }
}
