package org.migcert.report;

import java.util.List;

/**
 * One distinct problem behind failing cases: the cases whose evidence has the same signature (the
 * same register or region differing the same way, or the same refusal or crash text once numbers,
 * paths and configurations are set aside) on the same implementation.
 *
 * @param implementation the implementation the evidence blames (the instance in the failing step's role)
 * @param signature      the evidence reduced to what the cases share
 * @param cases          how many failing cases show it
 * @param rules          the rules those cases enforce
 * @param pairs          the implementation pairs affected ({@code src>dst}, or one id), at most {@link Problems#MAX_LISTED}
 * @param configurations how many distinct source configurations are affected
 * @param smallest       the case that shows it most simply (fewest hops, no pre-copy, shortest configuration)
 * @param rerun          the command that reruns that case
 */
public record Problem(String implementation, String observed, String signature, long cases, List<String> rules,
                      List<String> pairs, long configurations, String smallest, String rerun) {
    public Problem {
        rules = List.copyOf(rules);
        pairs = List.copyOf(pairs);
    }
}
