package org.printscout.api.discovery;

import java.time.Instant;
import java.util.List;

import org.printscout.api.model.DeviceReading;

/**
 * A finished discovery scan.
 *
 * @param readings the full reading of every printer found
 * @param problems entries that were refused (naming the entry and its position) and other things the
 *        administrator should know; the rest of the scan ran regardless
 */
public record DiscoveryResult(ScanProgress progress, Instant finished, List<DeviceReading> readings,
                              List<String> problems) {
    public DiscoveryResult {
        readings = List.copyOf(readings);
        problems = List.copyOf(problems);
    }
}
