package org.migcert.rules;

/**
 * The waiver a {@link Verdict#WAIVED} case is shown with: what it names, why the failure is accepted,
 * where it is tracked, its last valid day and who owns it.
 *
 * @param names   {@code case <pattern>} or {@code rule <id>}
 * @param expires the last day it holds, {@code YYYY-MM-DD}
 * @param owner   who answers for it, or null
 * @param where   {@code file:line:column} of the entry
 */
public record WaiverNote(String names, String reason, String tracking, String expires, String owner, String where) {
    /** E.g. {@code waived until 2027-01-31 (BUG-12, owner nic-team): reason}. */
    public String text() {
        return "waived until " + expires + " (" + tracking + (owner == null ? "" : ", owner " + owner) + "): " + reason;
    }
}
