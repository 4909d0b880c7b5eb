package org.migcert.adapter;

/** The implementation refused to create an instance for a configuration (PARAM-1): the reason is the device's own words. */
public class CreationRefusedException extends DeviceException {
    public CreationRefusedException(String reason) {
        super(reason);
    }
}
