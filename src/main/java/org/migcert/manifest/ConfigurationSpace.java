package org.migcert.manifest;

/**
 * How a profile builds each implementation's configuration space. Only the full product of every
 * parameter's candidate values exists so far; pairwise and t-way reduction are planned.
 */
public enum ConfigurationSpace {
    /** Every combination of every parameter's candidate values, plus the version aliases. */
    EXHAUSTIVE;

    /** The word a profile writes for it ({@code exhaustive}). */
    public String yamlName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
