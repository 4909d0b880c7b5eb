package org.migcert.model.coverage;

import java.util.List;
import org.migcert.model.Configuration;

/** One implementation's configuration space: the configurations a run plans cases over, and how they were chosen. */
public record PlannedSpace(List<Configuration> configurations, SpaceSummary summary) {
    public PlannedSpace {
        configurations = List.copyOf(configurations);
    }
}
