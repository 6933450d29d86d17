package no.rusmonitor.survey;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import no.rusmonitor.testsupport.JwtTestResource;
import no.rusmonitor.testsupport.KafkaTestResource;
import no.rusmonitor.testsupport.PostgresTestResource;

/**
 * Every @QuarkusTest of this module runs against the real PostgreSQL (a fresh database) and a real
 * Kafka broker, and trusts the tokens of TestTokens.
 */
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "survey_it"))
@QuarkusTestResource(value = KafkaTestResource.class, initArgs = @ResourceArg(name = "topics", value = "rusmonitor.submissions.v1:6"))
@QuarkusTestResource(JwtTestResource.class)
public final class RealInfrastructure {

    public static final String DATABASE = "survey_it";
    public static final String SUBMISSIONS_TOPIC = "rusmonitor.submissions.v1";

    private RealInfrastructure() {
    }

    /** The broker the service under test talks to. */
    public static String kafka() {
        return org.eclipse.microprofile.config.ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }
}
