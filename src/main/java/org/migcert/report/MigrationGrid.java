package org.migcert.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.migcert.model.Configuration;
import org.migcert.model.MigrationInfo;
import org.migcert.model.ModelInfo;
import org.migcert.rules.CaseResult;
import org.migcert.rules.Forecast;
import org.migcert.rules.Rule;
import org.migcert.rules.Verdict;

/**
 * The source x destination grid of a run: for each source implementation and configuration and each
 * destination, what migration info alone says must happen ({@link Forecast}, as {@code migcert predict}
 * prints it) beside the verdict of the case that migrated it (the cell's COMPAT-1 case). Rows with a
 * cell that needs looking at come first, then by source release and configuration.
 *
 * @param implementations the destinations, in release order: the columns
 * @param rows            one per source implementation and configuration a COMPAT-1 case migrated from
 */
public record MigrationGrid(List<String> implementations, List<Row> rows) {
    public MigrationGrid {
        implementations = List.copyOf(implementations);
        rows = List.copyOf(rows);
    }

    /**
     * One source configuration.
     *
     * @param configuration its canonical text, with the version alias it matches
     * @param cells         one per destination, in column order
     */
    public record Row(String source, String configuration, List<Cell> cells) {
        public Row {
            cells = List.copyOf(cells);
        }

        /** Whether a cell's case needs looking at ({@link Summary#needsLooking}). */
        public boolean needsLooking() {
            return cells.stream().anyMatch(c -> c.observed() != null && Summary.needsLooking(c.observed()));
        }
    }

    /**
     * @param forecast what the info says; null where the info of either side is not at hand
     * @param observed the verdict of the cell's case; null where no case of this run migrated it
     * @param caseId   that case's id, or null
     */
    public record Cell(Forecast forecast, Verdict observed, String caseId) {
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    /** Collects, during the one pass over the results, the case of each cell. */
    static final class Collector implements CaseSource.Sink {
        private record Seen(Verdict verdict, String caseId) {
        }

        /** Source, then configuration, then destination. */
        private final Map<String, Map<String, Map<String, Seen>>> cells = new LinkedHashMap<>();
        private final Set<String> destinations = new LinkedHashSet<>();

        @Override
        public void accept(CaseResult r) {
            if (r.rules() == null || !r.rules().contains(Rule.COMPAT_1.id()) || r.source() == null
                    || r.destination() == null || r.configuration() == null) {
                return;
            }
            destinations.add(r.destination());
            cells.computeIfAbsent(r.source(), s -> new HashMap<>()).computeIfAbsent(r.configuration(), c -> new HashMap<>())
                    .put(r.destination(), new Seen(r.verdict(), r.id()));
        }

        /**
         * The grid.
         *
         * @param model           the run's model id
         * @param implementations the run's implementations in release order (empty when the results do not say)
         * @param infos           their migration info by id; an implementation without one gets no forecasts
         */
        MigrationGrid grid(String model, List<String> implementations, Map<String, MigrationInfo> infos) {
            List<String> columns = new ArrayList<>(implementations);
            destinations.stream().filter(d -> !columns.contains(d)).forEach(columns::add);
            List<Row> rows = new ArrayList<>();
            cells.forEach((source, byConfiguration) -> byConfiguration.forEach((configuration, byDestination) -> {
                List<Cell> row = new ArrayList<>();
                for (String dst : columns) {
                    Seen seen = byDestination.get(dst);
                    row.add(new Cell(forecast(model, columns, infos, source, configuration, dst),
                            seen == null ? null : seen.verdict(), seen == null ? null : seen.caseId()));
                }
                rows.add(new Row(source, configuration, row));
            }));
            rows.sort(Comparator.comparing((Row r) -> !r.needsLooking())
                    .thenComparingInt(r -> columns.indexOf(r.source())).thenComparing(Row::configuration));
            return new MigrationGrid(columns, rows);
        }

        private static Forecast forecast(String model, List<String> releases, Map<String, MigrationInfo> infos,
                                         String source, String configuration, String destination) {
            MigrationInfo src = infos.get(source);
            MigrationInfo dst = infos.get(destination);
            ModelInfo m = src == null || model == null ? null : src.model(model).orElse(null);
            if (m == null || dst == null) {
                return null;
            }
            try {
                return Forecast.of(m, Configuration.parse(Configuration.canonicalOf(configuration), m),
                        releases.indexOf(source), dst, releases.indexOf(destination));
            } catch (IllegalArgumentException e) {
                // The results name a value the kept info does not know: no forecast rather than a wrong one.
                return null;
            }
        }
    }
}
