package org.printscout.mib.standard.internal;

import java.util.List;
import java.util.Map;

/**
 * Names of the enumerated values of Host Resources (RFC 2790), Printer MIB (RFC 3805, with the
 * textual conventions now kept in IANA-PRINTER-MIB) and the PWG counter MIB. The names are the
 * MIB's own labels, so a reading says what the device said; a number with no name is reported as
 * its decimal value rather than dropped, because a newer device may use a value registered after
 * this table was written.
 */
final class PrinterMibNames {

    private PrinterMibNames() {
    }

    /** hrDeviceStatus. */
    private static final Map<Long, String> DEVICE_STATUS = Map.of(
            1L, "unknown", 2L, "running", 3L, "warning", 4L, "testing", 5L, "down");

    /** hrPrinterStatus. */
    private static final Map<Long, String> PRINTER_STATUS = Map.of(
            1L, "other", 2L, "unknown", 3L, "idle", 4L, "printing", 5L, "warmup");

    /**
     * hrPrinterDetectedErrorState bit names by bit number; bit 0 is the most significant bit of the
     * first octet (RFC 2790). Bit 15 is not assigned.
     */
    static final List<String> ERROR_STATE_BITS = List.of(
            "lowPaper", "noPaper", "lowToner", "noToner", "doorOpen", "jammed", "offline", "serviceRequested",
            "inputTrayMissing", "outputTrayMissing", "markerSupplyMissing", "outputNearFull", "outputFull",
            "inputTrayEmpty", "overduePreventMaint");

    /** PrtMarkerSuppliesTypeTC. */
    private static final List<String> SUPPLY_TYPES = List.of(
            "other", "unknown", "toner", "wasteToner", "ink", "inkCartridge", "inkRibbon", "wasteInk", "opc",
            "developer", "fuserOil", "solidWax", "ribbonWax", "wasteWax", "fuser", "coronaWire", "fuserOilWick",
            "cleanerUnit", "fuserCleaningPad", "transferUnit", "tonerCartridge", "fuserOiler", "water", "wasteWater",
            "glueWaterAdditive", "wastePaper", "bindingSupply", "bandingSupply", "stitchingWire", "shrinkWrap",
            "paperWrap", "staples", "inserts", "covers");

    /** PrtMarkerSuppliesSupplyUnitTC (5, 6, 9, 10 are not assigned). */
    private static final Map<Long, String> SUPPLY_UNITS = Map.ofEntries(
            Map.entry(1L, "other"), Map.entry(2L, "unknown"), Map.entry(3L, "tenThousandthsOfInches"),
            Map.entry(4L, "micrometers"), Map.entry(7L, "impressions"), Map.entry(8L, "sheets"),
            Map.entry(11L, "hours"), Map.entry(12L, "thousandthsOfOunces"), Map.entry(13L, "tenthsOfGrams"),
            Map.entry(14L, "hundrethsOfFluidOunces"), Map.entry(15L, "tenthsOfMilliliters"),
            Map.entry(16L, "feet"), Map.entry(17L, "meters"), Map.entry(18L, "items"), Map.entry(19L, "percent"));

    /** PrtAlertSeverityLevelTC (2 is not assigned). */
    private static final Map<Long, String> ALERT_SEVERITY = Map.of(
            1L, "other", 3L, "critical", 4L, "warning", 5L, "warningBinaryChangeEvent");

    /** PrtAlertGroupTC. */
    private static final Map<Long, String> ALERT_GROUP = Map.ofEntries(
            Map.entry(1L, "other"), Map.entry(2L, "unknown"), Map.entry(3L, "hostResourcesMIBStorageTable"),
            Map.entry(4L, "hostResourcesMIBDeviceTable"), Map.entry(5L, "generalPrinter"), Map.entry(6L, "cover"),
            Map.entry(7L, "localization"), Map.entry(8L, "input"), Map.entry(9L, "output"), Map.entry(10L, "marker"),
            Map.entry(11L, "markerSupplies"), Map.entry(12L, "markerColorant"), Map.entry(13L, "mediaPath"),
            Map.entry(14L, "channel"), Map.entry(15L, "interpreter"), Map.entry(16L, "consoleDisplayBuffer"),
            Map.entry(17L, "consoleLights"), Map.entry(18L, "alert"), Map.entry(30L, "finDevice"),
            Map.entry(31L, "finSupply"), Map.entry(32L, "finSupplyMediaInput"), Map.entry(33L, "finAttribute"));

    /** PrtAlertCodeTC as of RFC 3805. */
    private static final Map<Long, String> ALERT_CODE = Map.ofEntries(
            Map.entry(1L, "other"), Map.entry(2L, "unknown"), Map.entry(3L, "coverOpen"), Map.entry(4L, "coverClosed"),
            Map.entry(5L, "interlockOpen"), Map.entry(6L, "interlockClosed"), Map.entry(7L, "configurationChange"),
            Map.entry(8L, "jam"), Map.entry(9L, "subunitMissing"), Map.entry(10L, "subunitLifeAlmostOver"),
            Map.entry(11L, "subunitLifeOver"), Map.entry(12L, "subunitAlmostEmpty"), Map.entry(13L, "subunitEmpty"),
            Map.entry(14L, "subunitAlmostFull"), Map.entry(15L, "subunitFull"), Map.entry(16L, "subunitNearLimit"),
            Map.entry(17L, "subunitAtLimit"), Map.entry(18L, "subunitOpened"), Map.entry(19L, "subunitClosed"),
            Map.entry(20L, "subunitTurnedOn"), Map.entry(21L, "subunitTurnedOff"), Map.entry(22L, "subunitOffline"),
            Map.entry(23L, "subunitPowerSaver"), Map.entry(24L, "subunitWarmingUp"), Map.entry(25L, "subunitAdded"),
            Map.entry(26L, "subunitRemoved"), Map.entry(27L, "subunitResourceAdded"),
            Map.entry(28L, "subunitResourceRemoved"), Map.entry(29L, "subunitRecoverableFailure"),
            Map.entry(30L, "subunitUnrecoverableFailure"), Map.entry(31L, "subunitRecoverableStorageError"),
            Map.entry(32L, "subunitUnrecoverableStorageError"), Map.entry(33L, "subunitMotorFailure"),
            Map.entry(34L, "subunitMemoryExhausted"), Map.entry(35L, "subunitUnderTemperature"),
            Map.entry(36L, "subunitOverTemperature"), Map.entry(37L, "subunitTimingFailure"),
            Map.entry(38L, "subunitThermistorFailure"),
            Map.entry(501L, "doorOpen"), Map.entry(502L, "doorClosed"), Map.entry(503L, "powerUp"),
            Map.entry(504L, "powerDown"), Map.entry(505L, "printerNMSReset"), Map.entry(506L, "printerManualReset"),
            Map.entry(507L, "printerReadyToPrint"),
            Map.entry(801L, "inputMediaTrayMissing"), Map.entry(802L, "inputMediaSizeChange"),
            Map.entry(803L, "inputMediaWeightChange"), Map.entry(804L, "inputMediaTypeChange"),
            Map.entry(805L, "inputMediaColorChange"), Map.entry(806L, "inputMediaFormPartsChange"),
            Map.entry(807L, "inputMediaSupplyLow"), Map.entry(808L, "inputMediaSupplyEmpty"),
            Map.entry(809L, "inputMediaChangeRequest"), Map.entry(810L, "inputManualInputRequest"),
            Map.entry(811L, "inputTrayPositionFailure"), Map.entry(812L, "inputTrayElevationFailure"),
            Map.entry(813L, "inputCannotFeedSizeSelected"),
            Map.entry(901L, "outputMediaTrayMissing"), Map.entry(902L, "outputMediaTrayAlmostFull"),
            Map.entry(903L, "outputMediaTrayFull"), Map.entry(904L, "outputMailboxSelectFailure"),
            Map.entry(1001L, "markerFuserUnderTemperature"), Map.entry(1002L, "markerFuserOverTemperature"),
            Map.entry(1003L, "markerFuserTimingFailure"), Map.entry(1004L, "markerFuserThermistorFailure"),
            Map.entry(1005L, "markerAdjustingPrintQuality"),
            Map.entry(1101L, "markerTonerEmpty"), Map.entry(1102L, "markerInkEmpty"),
            Map.entry(1103L, "markerPrintRibbonEmpty"), Map.entry(1104L, "markerTonerAlmostEmpty"),
            Map.entry(1105L, "markerInkAlmostEmpty"), Map.entry(1106L, "markerPrintRibbonAlmostEmpty"),
            Map.entry(1107L, "markerWasteTonerReceptacleAlmostFull"),
            Map.entry(1108L, "markerWasteInkReceptacleAlmostFull"),
            Map.entry(1109L, "markerWasteTonerReceptacleFull"), Map.entry(1110L, "markerWasteInkReceptacleFull"),
            Map.entry(1111L, "markerOpcLifeAlmostOver"), Map.entry(1112L, "markerOpcLifeOver"),
            Map.entry(1113L, "markerDeveloperAlmostEmpty"), Map.entry(1114L, "markerDeveloperEmpty"),
            Map.entry(1115L, "markerTonerCartridgeMissing"),
            Map.entry(1301L, "mediaPathMediaTrayMissing"), Map.entry(1302L, "mediaPathMediaTrayAlmostFull"),
            Map.entry(1303L, "mediaPathMediaTrayFull"), Map.entry(1304L, "mediaPathCannotDuplexMediaSelected"),
            Map.entry(1501L, "interpreterMemoryIncrease"), Map.entry(1502L, "interpreterMemoryDecrease"),
            Map.entry(1503L, "interpreterCartridgeAdded"), Map.entry(1504L, "interpreterCartridgeDeleted"),
            Map.entry(1505L, "interpreterResourceAdded"), Map.entry(1506L, "interpreterResourceDeleted"),
            Map.entry(1507L, "interpreterResourceUnavailable"), Map.entry(1509L, "interpreterComplexPageEncountered"),
            Map.entry(1801L, "alertRemovalOfBinaryChangeEntry"));

    static String deviceStatus(long code) {
        return DEVICE_STATUS.getOrDefault(code, "unknown");
    }

    static String printerStatus(long code) {
        return PRINTER_STATUS.getOrDefault(code, "unknown");
    }

    static String supplyType(long code) {
        return code >= 1 && code <= SUPPLY_TYPES.size() ? SUPPLY_TYPES.get((int) code - 1) : Long.toString(code);
    }

    static String supplyUnit(long code) {
        return named(SUPPLY_UNITS, code);
    }

    static String alertSeverity(long code) {
        return named(ALERT_SEVERITY, code);
    }

    static String alertGroup(long code) {
        return named(ALERT_GROUP, code);
    }

    static String alertCode(long code) {
        return named(ALERT_CODE, code);
    }

    private static String named(Map<Long, String> names, long code) {
        return names.getOrDefault(code, Long.toString(code));
    }
}
