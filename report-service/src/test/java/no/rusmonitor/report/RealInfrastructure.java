package no.rusmonitor.report;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import no.rusmonitor.testsupport.JwtTestResource;
import no.rusmonitor.testsupport.KafkaTestResource;
import no.rusmonitor.testsupport.PostgresTestResource;
import no.rusmonitor.testsupport.TestDatabase;
import no.rusmonitor.testsupport.TopicReader;

/**
 * Every @QuarkusTest of this module runs against the real PostgreSQL (a fresh database) and a real Kafka
 * broker with the topics of deploy/kafka-topics.csv this service uses, and trusts the tokens of TestTokens.
 */
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = RealInfrastructure.DATABASE_NAME))
@QuarkusTestResource(value = KafkaTestResource.class, initArgs = @ResourceArg(name = "topics",
        value = "rusmonitor.indicators.v1:6,rusmonitor.indicators.dlq.v1:1,rusmonitor.reports.v1:1,"
                + "rusmonitor.indicator-definitions.v1:1,rusmonitor.indicator-definitions.dlq.v1:1"))
@QuarkusTestResource(JwtTestResource.class)
public final class RealInfrastructure {

    public static final String DATABASE_NAME = "report_it";
    /** This module's test database, for what a test checks behind the API. */
    public static final TestDatabase DATABASE = new TestDatabase(DATABASE_NAME);
    public static final String INDICATORS = "rusmonitor.indicators.v1";
    public static final String DEAD_LETTERS = "rusmonitor.indicators.dlq.v1";
    public static final String REPORTS = "rusmonitor.reports.v1";
    public static final String DEFINITIONS = "rusmonitor.indicator-definitions.v1";
    public static final String DEFINITION_DEAD_LETTERS = "rusmonitor.indicator-definitions.dlq.v1";

    private RealInfrastructure() {
    }

    /** The broker's address, as the service under test was given it. */
    public static String kafka() {
        return org.eclipse.microprofile.config.ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }

    /** A reader of what {@code topic} receives from now on. */
    public static TopicReader fromEnd(String topic) {
        return TopicReader.fromEnd(kafka(), topic);
    }
}
