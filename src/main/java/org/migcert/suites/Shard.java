package org.migcert.suites;

import java.nio.ByteBuffer;
import java.util.Optional;
import org.migcert.adapter.Sha256;

/**
 * One of {@code count} deterministic slices of a plan ({@code index} counts from 1): a case belongs
 * to the slice its id's SHA-256 picks, so every machine that plans the same cases slices them the
 * same way, whatever the order, the JVM or the language's own string hash.
 */
public record Shard(int index, int count) {
    /** More slices than this is a typo, not a cluster. */
    public static final int MAX_COUNT = 10_000;

    public Shard {
        if (count < 1 || count > MAX_COUNT || index < 1 || index > count) {
            throw new IllegalArgumentException("shard " + index + "/" + count + " is out of range: give i/n with"
                    + " 1 <= i <= n <= " + MAX_COUNT);
        }
    }

    /** Reads {@code i/n}. */
    public static Shard parse(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("shard '" + text + "' is not i/n (for example 2/3)");
        }
        try {
            return new Shard(Integer.parseInt(text.substring(0, slash).strip()),
                    Integer.parseInt(text.substring(slash + 1).strip()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("shard '" + text + "' is not i/n (for example 2/3)");
        }
    }

    /**
     * The shard of a Kubernetes Indexed Job's pod: {@code JOB_COMPLETION_INDEX} counts from 0, so the
     * pod with index k runs shard k+1 of {@code count}; empty when the variable is not set.
     */
    public static Optional<Shard> ofJobIndex(String jobCompletionIndex, int count) {
        if (jobCompletionIndex == null || jobCompletionIndex.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Shard(Integer.parseInt(jobCompletionIndex.strip()) + 1, count));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("JOB_COMPLETION_INDEX '" + jobCompletionIndex + "' is not a number");
        }
    }

    /** Whether the case with this id is in this slice. */
    public boolean contains(String caseId) {
        byte[] d = Sha256.bytesOf(caseId);
        return Long.remainderUnsigned(ByteBuffer.wrap(d).getLong(), count) == index - 1;
    }

    public String text() {
        return index + "/" + count;
    }

}
