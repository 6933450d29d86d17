package no.rusmonitor.indicator.rebuild;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

import io.smallrye.health.api.Wellness;
import no.rusmonitor.indicator.compute.ComputationRevision;

/**
 * Whether the stored values come from this instance's revision of the computation: down while an earlier
 * revision's values wait for the automatic rebuild ({@link ComputationUpgrade}). Wellness, not readiness:
 * the values are served all the same, as they were before the upgrade.
 */
@Wellness
@ApplicationScoped
public class ComputationHealth implements HealthCheck {

    private final ComputationUpgrade upgrade;

    @Inject
    public ComputationHealth(ComputationUpgrade upgrade) {
        this.upgrade = upgrade;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("Computation revision").status(upgrade.storedRevision() >= ComputationRevision.CURRENT)
                .withData("storedValues", upgrade.storedRevision()).withData("thisInstance", ComputationRevision.CURRENT).build();
    }
}
