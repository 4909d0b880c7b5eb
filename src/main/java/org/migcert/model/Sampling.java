package org.migcert.model;

import java.util.List;

/**
 * Which values of each parameter a configuration space tries (its candidates). Exhaustive spaces
 * multiply every parameter's candidates, so they keep few: {@link #representatives()}. A t-way
 * space grows only with the few largest candidate counts, so it can afford
 * {@link #dense(long) many more}.
 */
@FunctionalInterface
public interface Sampling {
    /** The candidate values of {@code p}, ascending, each allowed by its info. */
    List<Value> candidates(ParamSpec p);

    /** Each range at its bounds, midpoint, init and off values ({@link ParamSpec#candidateValues()}). */
    static Sampling representatives() {
        return ParamSpec::candidateValues;
    }

    /**
     * Every value of a range of up to {@link DenseSampling#SMALL_RANGE} values; of a wider one its
     * bounds, the values next to them, the init and off values and a few interior values drawn from
     * {@code seed}.
     */
    static Sampling dense(long seed) {
        return new DenseSampling(seed);
    }
}
