package org.migcert.adapter;

/** VFIO interrupt info: index (INTx 0, MSI 1, MSI-X 2, ERR 3, REQ 4), flags and count. */
public record IrqInfo(int index, int flags, int count) {
}
