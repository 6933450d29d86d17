package no.rusmonitor.indicator;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import no.rusmonitor.testsupport.JwtTestResource;
import no.rusmonitor.testsupport.KafkaTestResource;
import no.rusmonitor.testsupport.PostgresTestResource;
import no.rusmonitor.testsupport.TestDatabase;

/**
 * Every @QuarkusTest of this module runs against the real PostgreSQL (a fresh database) and a real
 * Kafka broker with the topics the service reads and writes, and trusts the tokens of TestTokens.
 */
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = RealInfrastructure.DATABASE_NAME))
@QuarkusTestResource(value = KafkaTestResource.class, initArgs = @ResourceArg(name = "topics",
        value = "rusmonitor.submissions.v1:6,rusmonitor.indicators.v1:6,rusmonitor.submissions.dlq.v1:1,"
                + "rusmonitor.indicator-definitions.v1:1"))
@QuarkusTestResource(JwtTestResource.class)
public final class RealInfrastructure {

    public static final String DATABASE_NAME = "indicator_it";
    /** This module's test database, for what a test checks behind the API. */
    public static final TestDatabase DATABASE = new TestDatabase(DATABASE_NAME);
    public static final String SUBMISSIONS_TOPIC = "rusmonitor.submissions.v1";
    public static final String INDICATORS_TOPIC = "rusmonitor.indicators.v1";
    public static final String DLQ_TOPIC = "rusmonitor.submissions.dlq.v1";
    public static final String DEFINITIONS_TOPIC = "rusmonitor.indicator-definitions.v1";

    private RealInfrastructure() {
    }

    /** The broker the service under test talks to. */
    public static String kafka() {
        return org.eclipse.microprofile.config.ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }
}
