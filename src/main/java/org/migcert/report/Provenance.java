package org.migcert.report;

import java.util.List;
import java.util.Objects;

/**
 * Where a run's results come from, recorded in its plan record: which harness, profile, manifest and
 * implementation code produced them, on which host. Two runs with equal provenance and plan digest
 * ran the same cases on the same code; shards merge only when theirs agree.
 *
 * @param harnessCommit  the git commit of the migcert checkout that ran, or {@code unknown}
 * @param profileDigest  SHA-256 of the profile file
 * @param manifestDigest SHA-256 of the resolved manifest (its {@code extends:} bases included)
 * @param seed           the seed of a seeded plan (t-way configurations), or null when the plan has none
 */
public record Provenance(String harnessVersion, String harnessCommit, String profileName, String profileDigest,
                         String manifestDigest, List<Implementation> implementations, Long seed, String host,
                         String java) {
    public Provenance {
        implementations = implementations == null ? List.of() : List.copyOf(implementations);
    }

    /**
     * One implementation as it was run.
     *
     * @param codeDigest SHA-256 of the program, jar, class file or image it runs, or null when the adapter has none
     * @param infoDigest SHA-256 of its migration info, as migcert read it
     */
    public record Implementation(String id, String adapter, String codeDigest, String infoDigest) {
    }

    /** Whether results with these provenances come from the same inputs (host, Java and commit may differ). */
    public boolean sameInputs(Provenance o) {
        return Objects.equals(profileDigest, o.profileDigest)
                && Objects.equals(manifestDigest, o.manifestDigest)
                && Objects.equals(implementations, o.implementations) && Objects.equals(seed, o.seed);
    }
}
