package org.printscout.api.model;

/**
 * One row of the Printer-MIB alert table (prtAlertTable).
 *
 * @param severity "critical", "warning", "warningBinaryChangeEvent" or "other"
 * @param group the sub-unit the alert is about ("input", "marker", "markerSupplies", ...)
 * @param code prtAlertCode as a name ("jam", "doorOpen", "subunitEmpty", ...) or the number
 * @param description the device's text
 */
public record Alert(int index, String severity, String group, int groupIndex, String code, String description) {
}
