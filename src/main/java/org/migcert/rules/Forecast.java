package org.migcert.rules;

import org.migcert.model.Configuration;
import org.migcert.model.MigrationInfo;
import org.migcert.model.ModelInfo;

/**
 * What migration info alone says about one cell of the source x destination grid, before anything
 * migrates: {@link Oracle}'s decision, with a refusal into a newer release told apart, because that
 * one breaks FWD-1 by the info alone. {@code migcert predict} prints these; report.html puts the
 * observed verdict beside each.
 *
 * @param kind   what must happen
 * @param reason the oracle's words
 */
public record Forecast(Kind kind, String reason) {
    /** What must happen to the migration, with the one-character symbol the grid shows. */
    public enum Kind {
        /** The destination must accept the source's state (COMPAT-1). */
        MIGRATE("M"),
        /** The destination must refuse the migration at creation (COMPAT-1). */
        REFUSE("R"),
        /** Refused, but from an older release into a newer one: FWD-1 is broken by the info itself. */
        IMPOSSIBLE("!");

        private final String symbol;

        Kind(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }
    }

    /**
     * @param source             the source's model info
     * @param configuration      the source's configuration
     * @param sourceRelease      the source's position in release order (older is smaller)
     * @param destination        the destination's migration info
     * @param destinationRelease the destination's position in release order
     */
    public static Forecast of(ModelInfo source, Configuration configuration, int sourceRelease, MigrationInfo destination,
                              int destinationRelease) {
        Oracle.Decision d = Oracle.decide(source, configuration, destination);
        Kind k = d.possible() ? Kind.MIGRATE : destinationRelease > sourceRelease ? Kind.IMPOSSIBLE : Kind.REFUSE;
        return new Forecast(k, d.reason());
    }
}
