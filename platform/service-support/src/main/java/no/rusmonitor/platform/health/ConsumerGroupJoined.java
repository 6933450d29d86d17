package no.rusmonitor.platform.health;

import java.util.concurrent.atomic.AtomicBoolean;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * A startup check ({@code /q/health/started}) for a service that consumes: up once its consumer has joined
 * its group, that is once the first rebalance has given it its partitions (none, if there are more
 * instances than partitions), and up from then on.
 * <p>
 * It takes the place of the consumer in readiness. Readiness says whether an instance can take requests,
 * and a consumer's service answers them from its database whether or not Kafka is there: with the consumer
 * in readiness, Kubernetes took every instance out of service for as long as the broker was away, and the
 * dashboards and reports with them. At start, though, an instance should not count as up before it takes
 * in events: after a restart the group may need up to its session timeout (45 s) to give it partitions,
 * and scripts and tests that start the system wait for this (docs/development.md, Health).
 * <p>
 * A service declares a subclass as an {@code @Startup} bean and calls {@link #joined()} from its
 * consumer's rebalance listener.
 */
public abstract class ConsumerGroupJoined implements HealthCheck {

    private final String name;
    private final AtomicBoolean joined = new AtomicBoolean();

    protected ConsumerGroupJoined(String name) {
        this.name = name;
    }

    /** Called when a rebalance has given the consumer its partitions; safe from any thread. */
    public void joined() {
        joined.set(true);
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named(name).status(joined.get()).build();
    }
}
