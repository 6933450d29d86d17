package no.rusmonitor.report.readmodel;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Default;

import org.eclipse.microprofile.health.Startup;

import no.rusmonitor.platform.health.ConsumerGroupJoined;

/** The startup check of the indicator consumer: up once it has joined group {@code report-service} (ReadModelRebuild tells it). */
@Startup
@Default
@ApplicationScoped
public class IndicatorsJoined extends ConsumerGroupJoined {

    public IndicatorsJoined() {
        super("Indicator consumer joined its group");
    }
}
