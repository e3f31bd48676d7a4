package org.printscout.api.model;

/**
 * Who a device is. Any field may be null when the device does not tell.
 *
 * @param address the IP address it was read at
 * @param macAddress the MAC of its network interface, upper-case, colon-separated
 * @param serialNumber the printer's serial number (not the NIC's)
 * @param manufacturer make, e.g. "HP", "Kyocera"
 * @param model model name, e.g. "Color LaserJet M452nw"
 * @param sysObjectId MIB-II sysObjectID
 * @param sysDescr MIB-II sysDescr
 * @param sysName MIB-II sysName
 * @param firmware firmware version where the device says it
 */
public record DeviceIdentity(String address, String macAddress, String serialNumber, String manufacturer,
                             String model, String sysObjectId, String sysDescr, String sysName, String firmware) {
}
