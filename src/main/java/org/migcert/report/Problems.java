package org.migcert.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.migcert.rules.CaseResult;
import org.migcert.rules.Role;
import org.migcert.rules.Verdict;

/**
 * Groups failing cases by the signature of their evidence, so that one broken register reads as one
 * problem with its rules, pairs, configurations and smallest reproducing case, not as dozens of
 * failures in finishing order. Fed one case at a time; holds one small aggregate per problem.
 */
public final class Problems {
    /** Pairs listed per problem; the count of configurations is always exact. */
    public static final int MAX_LISTED = 20;
    /** A register named by the manifest's {@code observe:} that differs: {@code SCRATCH: 0xdeadbeef -> 0x0}. */
    private static final Pattern REGISTER = Pattern.compile("\\b([A-Za-z_][A-Za-z0-9_.]*): (0x[0-9a-fA-F]+) -> (0x[0-9a-fA-F]+)");
    /** A region's first differing byte: {@code region 0: [byte 12]}. */
    private static final Pattern REGION = Pattern.compile("region (\\d+): \\[byte (\\d+)\\]");
    private static final Pattern CONFIGURATION = Pattern.compile("\\[[^\\]]*=[^\\]]*\\]");
    private static final Pattern PATH = Pattern.compile("(?<![\\w.])(/[\\w.+-]+)+/?");
    /** Parameters as a creation request lists them: {@code {mtu=1500, rx-filter-size=48}}. */
    private static final Pattern PARAMETERS = Pattern.compile("\\{[^{}]*=[^{}]*\\}");
    private static final Pattern NUMBER = Pattern.compile("\\b(0x[0-9a-fA-F]+|\\d+(\\.\\d+)*)\\b");
    private static final int MAX_SIGNATURE = 240;

    private final Map<String, Group> groups = new LinkedHashMap<>();

    private static final class Group {
        final String implementation;
        final String observed;
        final String signature;
        long cases;
        final Set<String> rules = new TreeSet<>(RuleIds.ORDER);
        final Set<String> pairs = new TreeSet<>();
        final Set<String> configurations = new HashSet<>();
        CaseResult smallest;

        Group(String implementation, String observed, String signature) {
            this.implementation = implementation;
            this.observed = observed;
            this.signature = signature;
        }
    }

    /**
     * Counts a case if it failed: FAIL, or FLAKY (the evidence of its first, failing attempt). A BLOCKED
     * case's finding is another case, so it is not a problem of its own; a WAIVED one is known.
     */
    public void accept(CaseResult r) {
        if (r.verdict() != Verdict.FAIL && r.verdict() != Verdict.FLAKY) {
            return;
        }
        String impl = blamed(r);
        String sig = signature(r);
        Group g = groups.computeIfAbsent(impl + "\u0000" + r.observed() + "\u0000" + sig,
                k -> new Group(impl, String.valueOf(r.observed()), sig));
        g.cases++;
        if (r.rules() != null) {
            g.rules.addAll(r.rules());
        }
        if (g.pairs.size() < MAX_LISTED) {
            g.pairs.add(r.destination() == null ? String.valueOf(r.source()) : r.source() + ">" + r.destination());
        }
        // Bounded: distinct configurations of one problem cannot exceed the configurations of the plan.
        g.configurations.add(String.valueOf(r.configuration()));
        if (g.smallest == null || SIMPLEST.compare(r, g.smallest) < 0) {
            g.smallest = r;
        }
    }

    /** The problems, the most widespread first. */
    public List<Problem> list() {
        List<Problem> out = new ArrayList<>();
        for (Group g : groups.values()) {
            out.add(new Problem(g.implementation, g.observed, g.signature, g.cases, List.copyOf(g.rules),
                    List.copyOf(g.pairs), g.configurations.size(), g.smallest.id(), g.smallest.rerun()));
        }
        out.sort(Comparator.comparingLong(Problem::cases).reversed().thenComparing(Problem::smallest));
        return out;
    }

    /** Fewest hops, then a migration without pre-copy, then the shortest configuration, then the id. */
    private static final Comparator<CaseResult> SIMPLEST = Comparator.<CaseResult>comparingInt(r -> hops(r.id()))
            .thenComparingInt(r -> r.id().contains("precopy") ? 1 : 0)
            .thenComparingInt(r -> String.valueOf(r.configuration()).length())
            .thenComparing(CaseResult::id);

    private static int hops(String id) {
        String[] parts = id.split("/", 4);
        return parts.length < 3 ? 0 : (int) parts[2].chars().filter(c -> c == '>').count();
    }

    /** The hop of a chain that diverged: {@code hop 2: 1.1 [config] -> 1.2 [config]: ...}. */
    private static final Pattern HOP = Pattern.compile("^hop \\d+: \\S+ \\[[^\\]]*\\] -> (\\S+) \\[");

    /** The implementation whose instance the failing step acted on (in a chain, the hop's destination). */
    static String blamed(CaseResult r) {
        if (r.role() != Role.DESTINATION || r.destination() == null) {
            return String.valueOf(r.source());
        }
        Matcher hop = HOP.matcher(r.evidence() == null ? "" : r.evidence());
        return hop.find() ? hop.group(1) : r.destination();
    }

    /**
     * What the evidence says, reduced to what cases of one problem share: the registers and regions
     * that differ (with their values) when there are any; else the first line with configurations,
     * paths and numbers set aside and the pair that introduces it dropped.
     */
    static String signature(CaseResult r) {
        String evidence = r.evidence() == null ? "" : r.evidence();
        String first = evidence.lines().findFirst().orElse("");
        List<String> diffs = new ArrayList<>();
        Matcher m = REGION.matcher(first);
        while (m.find()) {
            diffs.add("region " + m.group(1) + " byte " + m.group(2));
        }
        m = REGISTER.matcher(first);
        while (m.find()) {
            diffs.add(m.group(1) + " " + m.group(2) + " -> " + m.group(3));
        }
        if (!diffs.isEmpty()) {
            return "differs: " + String.join("; ", diffs);
        }
        String s = CONFIGURATION.matcher(first).replaceAll("[config]");
        s = PARAMETERS.matcher(s).replaceAll("{params}");
        s = PATH.matcher(s).replaceAll("PATH");
        s = NUMBER.matcher(s).replaceAll("N");
        // What precedes the last "A [config] -> B [config]" says where (step, pair, hop), not what.
        int where = Math.max(s.lastIndexOf("[config]): "), s.lastIndexOf("[config]: "));
        if (where >= 0) {
            s = s.substring(s.indexOf(": ", where) + 2);
        }
        s = s.replaceAll("\\s*\\(workload write [^()]*\\)", "") // the harness's own notes
                .replaceFirst("\\s*\\([^()]*\\)\\s*$", "") // a closing note
                .replaceFirst("^(loading )?refused: ", "").replaceFirst("^N refused \\{params\\}: ", "");
        return s.length() > MAX_SIGNATURE ? s.substring(0, MAX_SIGNATURE) + "..." : s;
    }
}
