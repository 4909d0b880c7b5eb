package org.migcert.report;

import java.util.List;
import java.util.Locale;

import org.migcert.rules.CaseResult;
import org.migcert.rules.Verdict;

/** Small text helpers shared by the report formats. */
final class Text {
    private Text() {
    }

    static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    /** The first line of a text, or "" for none. */
    static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).stripTrailing();
    }

    /** At most {@code max} lines of a text, and how many were left out. */
    static List<String> firstLines(String s, int max) {
        if (s == null || s.isBlank()) {
            return List.of();
        }
        List<String> lines = s.stripTrailing().lines().toList();
        if (lines.size() <= max) {
            return lines;
        }
        List<String> head = new java.util.ArrayList<>(lines.subList(0, max));
        head.add("... (" + (lines.size() - max) + " more lines)");
        return head;
    }

    /** Short verdict label for narrow columns. */
    static String label(Verdict v) {
        return v == Verdict.NOT_APPLICABLE ? "N/A" : v.name();
    }

    /** Rule ids joined with commas. */
    static String rules(CaseResult r) {
        return r.rules() == null ? "" : String.join(",", r.rules().stream().map(Text::orEmpty).toList());
    }

    /** "1.0 -> 1.1", or just "1.0" for a case with one implementation. */
    /** The step and role a result was observed in, e.g. {@code LOAD (destination)}. */
    static String where(CaseResult r) {
        return r.phase() + (r.role() == null ? "" : " (" + r.role().name().toLowerCase(Locale.ROOT) + ")");
    }

    static String pair(CaseResult r) {
        String src = orEmpty(r.source());
        return r.destination() == null ? src : src + " -> " + r.destination();
    }

    static String seconds(long millis) {
        // Exact, and what String.format("%.3f") writes, at a fraction of its cost (it is called per case).
        return java.math.BigDecimal.valueOf(millis, 3).toPlainString();
    }

    /**
     * Removes what a terminal would interpret (escape sequences, carriage returns, other control
     * characters) from untrusted text such as a device's stderr tail; keeps newlines and tabs.
     */
    static String forTerminal(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> b.appendCodePoint(terminalSafe(cp)));
        return b.toString();
    }

    /** {@code cp} itself when a terminal shows it as text; '?' for controls that could drive the terminal. */
    static int terminalSafe(int cp) {
        return cp == '\n' || cp == '\t' || !(Character.isISOControl(cp) || isBidiControl(cp)) ? cp : '?';
    }

    private static boolean isBidiControl(int cp) {
        // Bidirectional overrides can make a terminal line read differently from its bytes.
        return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
    }

    /**
     * Replaces characters that XML 1.0 cannot carry at all, not even escaped (most C0 controls,
     * unpaired surrogates, U+FFFE/U+FFFF), which a device's raw output may contain.
     */
    static String forXml(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok;
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                if (b != null) {
                    b.append(c).append(s.charAt(i + 1));
                }
                i++;
                continue;
            }
            ok = c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD);
            if (!ok && b == null) {
                b = new StringBuilder(s.length()).append(s, 0, i);
            }
            if (b != null) {
                b.append(ok ? c : '\uFFFD');
            }
        }
        return b == null ? s : b.toString();
    }
}
