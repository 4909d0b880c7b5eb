package org.migcert.manifest;

import java.util.Optional;
import org.migcert.model.coverage.TWaySettings;

/**
 * How a profile builds each implementation's configuration space: every combination of candidate
 * values ({@code configurations: exhaustive}), or a covering array of them ({@code t-way}).
 */
public sealed interface ConfigurationSpace permits ConfigurationSpace.Exhaustive, ConfigurationSpace.TWay {
    Exhaustive EXHAUSTIVE = new Exhaustive();

    /** The word a profile writes for it. */
    String yamlName();

    /** The t-way settings, when it is one. */
    Optional<TWaySettings> tWay();

    /** Every combination of every parameter's candidate values, plus the must-have configurations. */
    record Exhaustive() implements ConfigurationSpace {
        @Override
        public String yamlName() {
            return "exhaustive";
        }

        @Override
        public Optional<TWaySettings> tWay() {
            return Optional.empty();
        }
    }

    /** A covering array of strength t over denser candidates, with the must-have configurations. */
    record TWay(TWaySettings settings) implements ConfigurationSpace {
        @Override
        public String yamlName() {
            return "t-way";
        }

        @Override
        public Optional<TWaySettings> tWay() {
            return Optional.of(settings);
        }
    }
}
