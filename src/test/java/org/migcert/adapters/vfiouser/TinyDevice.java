package org.migcert.adapters.vfiouser;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.migcert.adapter.CreationRefusedException;
import org.migcert.adapter.DeviceInstance;
import org.migcert.adapter.IrqInfo;
import org.migcert.adapter.MigrationFlags;
import org.migcert.adapter.RegionInfo;
import org.migcert.device.JavaDevice;
import org.migcert.device.SimulatedDevice;
import org.migcert.model.InfoException;
import org.migcert.model.MigrationInfo;
import org.migcert.model.MigrationInfoJson;

/**
 * A minimal device for the adapter's own tests, independent of the reference family: one
 * parameter {@code bar-size} (16 or 64) that sizes a read-write BAR0, a read-only config space,
 * and a state that is "TINY", the BAR0 size and its bytes.
 */
public final class TinyDevice implements JavaDevice {
    static final String MODEL = "example.org/migcert-tiny";
    static final String PARAM = "bar-size";
    private static final byte[] MAGIC = {'T', 'I', 'N', 'Y'};
    private static final MigrationInfo INFO = info();

    private static MigrationInfo info() {
        try {
            return MigrationInfoJson.parse("{\"models\":{\"" + MODEL + "\":{\"params\":{\"" + PARAM
                    + "\":{\"type\":\"int\",\"init_value\":16,\"off_value\":16,\"allowed_values\":[16,64]}}}}}",
                    "TinyDevice");
        } catch (InfoException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public MigrationInfo migrationInfo() {
        return INFO;
    }

    @Override
    public DeviceInstance create(Map<String, String> params) {
        int size = 16;
        for (Map.Entry<String, String> e : params.entrySet()) {
            if (!e.getKey().equals(PARAM)) {
                throw new CreationRefusedException("unknown parameter '" + e.getKey() + "'; known: " + PARAM);
            }
            if (!e.getValue().equals("16") && !e.getValue().equals("64")) {
                throw new CreationRefusedException(PARAM + "=" + e.getValue() + " is not allowed; allowed: 16, 64");
            }
            size = Integer.parseInt(e.getValue());
        }
        return new Instance(size);
    }

    /** One instance: registers in BAR0, the state is their copy. */
    static final class Instance extends SimulatedDevice {
        private byte[] bar0;
        private final byte[] config = new byte[256];

        Instance(int barSize) {
            super(MigrationFlags.STOP_COPY);
            bar0 = new byte[barSize];
            ByteBuffer.wrap(config).order(ByteOrder.LITTLE_ENDIAN).putShort((short) 0x1af4).putShort((short) 0x7117);
        }

        @Override
        protected List<RegionInfo> regions() {
            List<RegionInfo> r = new ArrayList<>();
            r.add(new RegionInfo(0, RegionInfo.FLAG_READ | RegionInfo.FLAG_WRITE, bar0.length, 0));
            for (int i = 1; i < RegionInfo.PCI_CONFIG_INDEX; i++) {
                r.add(new RegionInfo(i, 0, 0, 0));
            }
            r.add(new RegionInfo(RegionInfo.PCI_CONFIG_INDEX, RegionInfo.FLAG_READ, config.length, 0));
            return r;
        }

        @Override
        protected List<IrqInfo> irqs() {
            return List.of(new IrqInfo(0, 0, 1));
        }

        @Override
        protected byte[] readRegion(int region, long offset, int length) {
            byte[] src = region == 0 ? bar0 : config;
            byte[] out = new byte[length];
            System.arraycopy(src, (int) offset, out, 0, length);
            return out;
        }

        @Override
        protected void writeRegion(int region, long offset, byte[] data) {
            System.arraycopy(data, 0, bar0, (int) offset, data.length);
        }

        @Override
        protected InputStream saveStream() {
            ByteBuffer b = ByteBuffer.allocate(8 + bar0.length).put(MAGIC).putInt(bar0.length).put(bar0);
            return new ByteArrayInputStream(b.array());
        }

        @Override
        protected void loadFrom(InputStream in) throws IOException {
            DataInputStream d = new DataInputStream(in);
            byte[] magic = new byte[4];
            d.readFully(magic);
            if (!Arrays.equals(magic, MAGIC) || d.readInt() != bar0.length) {
                throw new IOException("not a TINY state of a " + bar0.length + "-byte BAR0");
            }
            byte[] regs = new byte[bar0.length];
            d.readFully(regs);
            if (d.read() >= 0) {
                throw new IOException("trailing bytes after the state");
            }
            bar0 = regs;
        }

        @Override
        protected void resetRegisters() {
            Arrays.fill(bar0, (byte) 0);
        }
    }
}
