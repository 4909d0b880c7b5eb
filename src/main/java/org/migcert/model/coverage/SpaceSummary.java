package org.migcert.model.coverage;

import java.math.BigInteger;

/**
 * How one implementation's configuration space was chosen, as {@code --list} and the reports say it.
 *
 * @param tWay         whether a covering array was generated (false: every candidate combination)
 * @param strength     the strength covered (0 when exhaustive)
 * @param groups       the higher-strength groups, in words, or empty
 * @param seed         the seed used (0 when exhaustive)
 * @param candidates   how many combinations of candidate values there are
 * @param size         how many configurations were planned (must-haves included)
 * @param construction which construction gave the array, or why the space is exhaustive
 * @param tuples       how many t-tuples the constraints allow, each checked to be covered
 */
public record SpaceSummary(boolean tWay, int strength, String groups, long seed, BigInteger candidates, int size,
                           String construction, long tuples) {

    /** One line: {@code t-way strength 2, seed 1: 15 of 1062882 configurations (...); every 2-tuple covered}. */
    @Override
    public String toString() {
        if (!tWay) {
            return "exhaustive: " + size + " configurations (" + construction + ")";
        }
        return "t-way strength " + strength + (groups.isEmpty() ? "" : " (" + groups + ")") + ", seed " + seed + ": "
                + size + " of " + candidates + " candidate combinations; generator " + CoveringArrayGenerator.NAME
                + ", " + construction + "; every " + strength + "-tuple covered (" + tuples
                + " allowed tuples, checked independently)";
    }
}
