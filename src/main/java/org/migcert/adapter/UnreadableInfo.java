package org.migcert.adapter;

/**
 * An implementation whose migration info could not be read: its program hung, failed or printed
 * something that is not migration info. A device fault (an INFO-1 finding), not a manifest mistake:
 * the run goes on with the other implementations and reports this one as failing INFO-1.
 *
 * @param id      the implementation's id in the manifest
 * @param where   the manifest location of the implementation, for the evidence
 * @param failure what was observed, with the exit status, stderr tail or parse error as evidence
 */
public record UnreadableInfo(String id, String where, DeviceFailedException failure) {
}
