package org.migcert.gate;

import java.io.PrintStream;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.migcert.manifest.Waiver;
import org.migcert.report.ConsoleReport;

/**
 * Prints a gate's decision: the outcome first, then the regressions grouped into problems (each with its
 * smallest case and rerun command), then every case the gate judged, worst first, then what to tidy in
 * the waivers.
 */
public final class GateReport {
    private GateReport() {
    }

    public static void print(Gate.Decision d, PrintStream out) {
        Map<Gate.Status, Long> counts = new TreeMap<>(d.findings().stream()
                .collect(Collectors.groupingBy(Gate.Finding::status, Collectors.counting())));
        out.println("GATE: " + d.outcome() + counts.entrySet().stream().map(e -> e.getValue() + " " + words(e.getKey()))
                .collect(Collectors.joining(", ", counts.isEmpty() ? "" : " (", counts.isEmpty() ? "" : ")")));
        d.problems().forEach(p -> out.println("  unknown: " + p));
        ConsoleReport.printProblems(d.regressions(), ConsoleReport.plural(d.grouped(), "regression") + " in "
                + ConsoleReport.plural(d.regressions().size(), "problem"), out);
        for (Gate.Status s : Gate.Status.values()) {
            d.findings().stream().filter(f -> f.status() == s).forEach(f -> out.println("  " + words(s) + ": "
                    + f.verdict() + " " + f.caseId() + " — " + f.why()));
        }
        for (Waiver w : d.expired()) {
            out.println("  expired waiver (fails the gate): " + w.where() + " " + w.names() + " expired on " + w.expires()
                    + " (" + w.tracking() + ")");
        }
        for (Waiver w : d.unused()) {
            out.println("  unused waiver (remove it): " + w.where() + " " + w.names() + " covers no failing case");
        }
    }

    private static String words(Gate.Status s) {
        return switch (s) {
            case REGRESSION -> "regression";
            case UNKNOWN -> "unknown";
            case WAIVED -> "waived";
            case IN_BASELINE -> "known from the baseline";
        };
    }
}
