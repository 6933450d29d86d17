package no.rusmonitor.platform.outbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

import io.smallrye.health.api.Wellness;

/**
 * Whether events leave the outbox: down while Kafka does not acknowledge them, with how many wait and for
 * how long, while events Kafka refused for good are parked, until an operator has dealt with them, and while
 * the oldest waiting event is older than {@code rusmonitor.outbox.stale-after} (5 minutes), for whatever reason,
 * on every instance, the ones that do not relay included. A
 * wellness check ({@code /q/health/well}), not a readiness check: the service takes requests all the same,
 * and what they publish waits in the outbox until the broker is back. Were it readiness, Kubernetes would
 * take every instance out of service for as long as Kafka is away.
 */
@Wellness
@ApplicationScoped
public class OutboxRelayHealth implements HealthCheck {

    private final OutboxRelay relay;

    @Inject
    public OutboxRelayHealth(OutboxRelay relay) {
        this.relay = relay;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("Outbox relay").status(!relay.failing() && relay.parked() == 0 && !relay.stale()).withData("waiting", relay.lag())
                .withData("oldestWaitingSeconds", relay.oldestWaitingSeconds()).withData("parked", relay.parked()).build();
    }
}
