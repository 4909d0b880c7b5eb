package org.migcert.suites;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import org.migcert.adapter.DeviceException;
import org.migcert.adapter.DeviceInstance;
import org.migcert.rules.Phase;
import org.migcert.state.MalformedStateException;
import org.migcert.state.StateMutation;
import org.migcert.state.StatePipe;
import org.migcert.state.StateStreams;

/**
 * Moves state between two instances over their data channels: what a saving source gives, through
 * a mutation, into a resuming destination; an unchanged state device to device ({@link StatePipe}),
 * a mutated one through streams. The source's failures keep their phase ({@link Phase#SAVE})
 * whichever step is reading.
 */
final class StateTransfer {
    private StateTransfer() {
    }

    /**
     * Streams what the source gives now (up to its short read) through the mutation into the
     * destination, and returns how many bytes the destination got.
     */
    static long copy(DeviceInstance from, DeviceInstance to, StateMutation mutation) throws IOException {
        if (mutation == StateMutation.IDENTITY) {
            // Unchanged state needs no stream: chunks go from device to device as they come.
            try {
                return StatePipe.copy(from, to);
            } catch (StatePipe.SourceFailed e) {
                throw new FailureClassifier.InPhase(Phase.SAVE, e.getCause());
            }
        }
        Counting out = new Counting(StateStreams.loading(to));
        try (InputStream in = new SourceStream(StateStreams.saving(from))) {
            mutation.apply(in, out);
        } catch (MalformedStateException e) {
            throw new FailureClassifier.InPhase(Phase.SAVE,
                    new IOException("the source's state is not valid MGST: " + e.getMessage(), e));
        }
        out.flush();
        return out.count;
    }

    /**
     * Reads about {@code keep} bytes of a saving source's stream in reads no larger than what is
     * left to keep (at least one read), and returns how many it gave: fewer when the stream ended.
     * Reads that large are what a user whose migration stops midway has taken from the device.
     */
    static long readSome(DeviceInstance from, long keep) {
        long total = 0;
        do {
            ByteBuffer b = ByteBuffer.allocate((int) Math.min(Math.max(1, keep - total), StateStreams.CHUNK));
            int n = from.readData(b);
            total += n;
            if (n < b.capacity()) {
                break; // a short read ends the stream
            }
        } while (total < keep);
        return total;
    }

    /** Counts what passes: how much of the state a destination got. */
    private static final class Counting extends FilterOutputStream {
        long count;

        Counting(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }

    /** The source's data stream: its device errors belong to {@link Phase#SAVE}, whichever step is reading. */
    private static final class SourceStream extends FilterInputStream {
        SourceStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            try {
                return super.read();
            } catch (DeviceException e) {
                throw new FailureClassifier.InPhase(Phase.SAVE, e);
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return super.read(b, off, len);
            } catch (DeviceException e) {
                throw new FailureClassifier.InPhase(Phase.SAVE, e);
            }
        }
    }
}
