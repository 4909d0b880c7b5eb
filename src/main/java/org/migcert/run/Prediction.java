package org.migcert.run;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.migcert.adapter.Implementation;
import org.migcert.model.Configuration;
import org.migcert.model.ModelInfo;
import org.migcert.rules.Forecast;
import org.migcert.suites.SuiteContext;

/**
 * The migration grid predicted from migration info alone, before any migration (can-i-deploy
 * style): for every source implementation and configuration of the plan, whether each destination
 * must accept the migration (COMPAT-1's oracle) or must refuse it at creation. An older-to-newer
 * migration the info makes impossible is a FWD-1 breach found without running anything.
 */
final class Prediction {
    private Prediction() {
    }

    /** Prints the grid and returns the predicted FWD-1 breaches ({@code src [config] -> dst: reason}). */
    static List<String> print(SuiteContext ctx, PrintStream out) {
        List<Implementation> impls = ctx.implementations();
        List<String[]> rows = new ArrayList<>();
        List<String> breaches = new ArrayList<>();
        long must = 0;
        for (Implementation src : impls) {
            ModelInfo m = ctx.model(src);
            for (Configuration c : ctx.configurations(src)) {
                String[] row = new String[impls.size() + 2];
                row[0] = src.id();
                row[1] = ctx.describe(m, c);
                for (int j = 0; j < impls.size(); j++) {
                    Implementation dst = impls.get(j);
                    Forecast f = Forecast.of(m, c, ctx.release(src), dst.info(), ctx.release(dst));
                    must += f.kind() == Forecast.Kind.MIGRATE ? 1 : 0;
                    row[j + 2] = f.kind().symbol();
                    if (f.kind() == Forecast.Kind.IMPOSSIBLE) {
                        breaches.add(src.id() + " [" + c.canonical() + "] -> " + dst.id() + ": " + f.reason());
                    }
                }
                rows.add(row);
            }
        }
        String[] head = new String[impls.size() + 2];
        head[0] = "source";
        head[1] = "configuration";
        for (int j = 0; j < impls.size(); j++) {
            head[j + 2] = impls.get(j).id();
        }
        int[] width = new int[head.length];
        for (String[] r : concat(head, rows)) {
            for (int k = 0; k < r.length; k++) {
                width[k] = Math.max(width[k], r[k].length());
            }
        }
        out.println("PREDICTED from migration info alone: " + Forecast.Kind.MIGRATE.symbol() + " must migrate, "
                + Forecast.Kind.REFUSE.symbol() + " must be refused at creation (COMPAT-1), " + Forecast.Kind.IMPOSSIBLE.symbol()
                + " an older-to-newer migration the info makes impossible (FWD-1)");
        for (String[] r : concat(head, rows)) {
            StringBuilder line = new StringBuilder();
            for (int k = 0; k < r.length; k++) {
                line.append(k == 2 ? "  -> " : k > 0 ? "  " : "").append(String.format(Locale.ROOT,
                        "%" + (k < 2 ? "-" : "") + width[k] + "s", r[k]));
            }
            out.println(line.toString().stripTrailing());
        }
        long total = (long) rows.size() * impls.size();
        out.println("PREDICTION: " + must + " migrations must succeed, " + (total - must) + " must be refused, "
                + breaches.size() + " older-to-newer migrations are impossible by the info (FWD-1)");
        breaches.forEach(b -> out.println("  FWD-1 " + b));
        return breaches;
    }

    private static List<String[]> concat(String[] head, List<String[]> rows) {
        List<String[]> all = new ArrayList<>();
        all.add(head);
        all.addAll(rows);
        return all;
    }
}
