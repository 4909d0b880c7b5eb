package org.migcert.vfiouser;

import java.util.List;
import org.migcert.adapter.RegionInfo;

/**
 * A GET_REGION_INFO answer: the region info the SPI knows plus the capability chain that
 * follows it on the wire (sparse mmap areas, region type, ...), kept raw.
 */
public record VfioRegionInfo(RegionInfo info, List<Capability> capabilities) {
    public VfioRegionInfo {
        capabilities = List.copyOf(capabilities);
    }

    /**
     * One entry of the chain (struct vfio_info_cap_header plus body).
     *
     * @param id      VFIO_REGION_INFO_CAP_* (1 sparse mmap, 2 type, ...)
     * @param version the capability's own version
     * @param body    the bytes after the 8-byte header, up to the next capability or the end
     */
    public record Capability(int id, int version, byte[] body) {
    }
}
