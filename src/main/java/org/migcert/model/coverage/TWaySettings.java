package org.migcert.model.coverage;

import java.util.List;

/**
 * How a profile asks for a t-way configuration space.
 *
 * @param strength        every combination of values of any {@code strength} parameters is covered
 * @param seed            the seed of the generator and of the interior values sampled from wide ranges
 * @param exhaustiveBelow a space with fewer candidate combinations than this is taken whole
 * @param groups          parameters covered at a higher strength
 */
public record TWaySettings(int strength, long seed, long exhaustiveBelow, List<ParamGroup> groups) {
    public static final int MIN_STRENGTH = 2;
    public static final int MAX_STRENGTH = 3;
    /** A group may ask for more: each combination of up to this many of its parameters. */
    public static final int MAX_GROUP_STRENGTH = 6;
    public static final long DEFAULT_SEED = 1;
    public static final long DEFAULT_EXHAUSTIVE_BELOW = 100;
    public static final long MAX_EXHAUSTIVE_BELOW = 1_000_000;

    public TWaySettings {
        groups = List.copyOf(groups);
    }
}
