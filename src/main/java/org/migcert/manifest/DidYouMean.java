package org.migcert.manifest;

import java.util.Collection;
import java.util.Locale;

/** The closest known word to a mistyped one (edit distance), for "did you mean" hints in errors. */
public final class DidYouMean {
    private DidYouMean() {
    }

    /** {@code "did you mean 'timeout'? "}, or empty when nothing known is close to {@code given}. */
    public static String hint(String given, Collection<String> known) {
        String g = given.toLowerCase(Locale.ROOT);
        // Close means at most a third of the word wrong (at least one edit): 'timout', 'valeu', 'vfio_user'.
        int best = Math.max(1, g.length() / 3) + 1;
        String match = null;
        for (String k : known) {
            int d = distance(g, k.toLowerCase(Locale.ROOT));
            if (d < best) {
                best = d;
                match = k;
            }
        }
        return match == null ? "" : "did you mean '" + match + "'? ";
    }

    /** Edit distance counting an insertion, deletion, substitution or swap of two neighbours as one edit. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            for (int j = 0; j <= b.length(); j++) {
                if (i == 0 || j == 0) {
                    d[i][j] = i + j;
                    continue;
                }
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(d[i - 1][j - 1] + cost, Math.min(d[i - 1][j], d[i][j - 1]) + 1);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
