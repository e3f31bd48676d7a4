package org.printscout.api.model;

import java.util.List;

/**
 * The device's state: Host-Resources hrDeviceStatus and hrPrinterStatus, and the named conditions
 * decoded from hrPrinterDetectedErrorState.
 *
 * @param deviceStatus "running", "warning", "testing", "down" or "unknown"
 * @param printerStatus "idle", "printing", "warmup", "other" or "unknown"
 * @param conditions error conditions, e.g. "lowPaper", "jammed", "doorOpen"
 * @param consoleDisplay the operator panel's text lines
 */
public record DeviceStatus(String deviceStatus, String printerStatus, List<String> conditions,
                           List<String> consoleDisplay) {
    public DeviceStatus {
        conditions = conditions == null ? List.of() : List.copyOf(conditions);
        consoleDisplay = consoleDisplay == null ? List.of() : List.copyOf(consoleDisplay);
    }
}
