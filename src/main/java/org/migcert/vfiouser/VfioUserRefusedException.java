package org.migcert.vfiouser;

import org.migcert.adapter.RequestRefusedException;

/**
 * A vfio-user server answered a command with an error reply. The connection stays usable; the
 * command and the errno the server gave (0 when it gave none) say what was refused.
 */
public class VfioUserRefusedException extends RequestRefusedException {
    private final Command command;

    public VfioUserRefusedException(Command command, int errno, String what) {
        super(what + " refused by the server (" + command + ", errno " + errno + ")", errno);
        this.command = command;
    }

    public Command command() {
        return command;
    }
}
