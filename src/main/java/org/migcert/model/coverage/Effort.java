package org.migcert.model.coverage;

/**
 * How hard the generator tries to make an array smaller, in cell evaluations (never in time, so the
 * array depends on the seed alone): most goes to removing rows from the IPOG array; the rest to the
 * symbol-orbit construction where the shape allows it.
 *
 * @param work the whole budget of one generation
 */
public record Effort(long work) {
    /**
     * What a run spends per implementation: about 0.2 s of one core of the project's 2-core machine.
     * Enough for the best known sizes of the bench shapes with every seed tried (1 to 20).
     */
    public static final Effort STANDARD = new Effort(20_000_000L);
    /** For tests over many shapes. */
    public static final Effort QUICK = new Effort(1_000_000L);

    public Effort {
        if (work < 0) {
            throw new IllegalArgumentException("negative effort");
        }
    }
}
