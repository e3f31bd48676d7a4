package org.printscout.mib.standard.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Collectors;

import org.printscout.api.model.DeviceReading;
import org.printscout.api.model.Meter;
import org.printscout.api.model.Supply;
import org.printscout.api.model.SupplyLevel;
import org.printscout.api.snmp.Oid;
import org.printscout.api.snmp.Snapshot;

/**
 * Compares one reading with LibreNMS's expectation field by field, and says for each difference
 * whether it is one we accept (LibreNMS maps the value differently, or reads a vendor MIB that is
 * not this mapper's job) or a real mismatch. Used by the assertions and by the results document, so
 * the document says exactly what the tests check.
 */
final class RecordingComparison {

    private static final Oid ENTERPRISES = Oid.parse("1.3.6.1.4.1");
    private static final long LIBRENMS_UNKNOWN_CAPACITY = 100;
    private static final long LIBRENMS_UNKNOWN_CURRENT = 50;

    enum Outcome {
        SAME, ACCEPTED_DIFFERENCE, MISMATCH
    }

    record Finding(String field, Outcome outcome, String note) {
    }

    record Result(String name, LibreNmsExpectation expected, DeviceReading reading, List<Finding> findings) {

        boolean matches() {
            return findings.stream().noneMatch(f -> f.outcome() == Outcome.MISMATCH);
        }

        List<Finding> mismatches() {
            return findings.stream().filter(f -> f.outcome() == Outcome.MISMATCH).toList();
        }

        List<String> notes() {
            return findings.stream().filter(f -> f.outcome() != Outcome.SAME).map(Finding::note).toList();
        }
    }

    private RecordingComparison() {
    }

    static Result compare(String name, Snapshot snapshot, DeviceReading reading, LibreNmsExpectation expected) {
        List<Finding> findings = new ArrayList<>();
        findings.add(serial(snapshot, reading, expected));
        findings.add(mac(reading, expected));
        findings.add(model(name, reading, expected));
        findings.add(total(reading, expected));
        findings.addAll(supplies(reading, expected));
        return new Result(name, expected, reading, findings);
    }

    private static Finding serial(Snapshot snapshot, DeviceReading reading, LibreNmsExpectation expected) {
        String ours = reading.identity().serialNumber();
        String theirs = expected.serial();
        if (Objects.equals(ours, theirs)) {
            return new Finding("serial", Outcome.SAME, "");
        }
        if (theirs == null && ours != null) {
            boolean fromPrinterMib = !snapshot.subtree(StandardOids.PRT_GENERAL_SERIAL_NUMBER).isEmpty();
            return new Finding("serial", Outcome.ACCEPTED_DIFFERENCE, "serial: LibreNMS has none; we read `" + ours
                    + "` from " + (fromPrinterMib ? "prtGeneralSerialNumber" : "the `SN:` field of sysDescr"));
        }
        if (ours == null) {
            Optional<Oid> vendorOid = snapshot.subtree(ENTERPRISES).entrySet().stream()
                    .filter(e -> e.getValue().asText().strip().equals(theirs))
                    .map(Map.Entry::getKey).findFirst();
            if (vendorOid.isPresent()) {
                return new Finding("serial", Outcome.ACCEPTED_DIFFERENCE, "serial: LibreNMS reads `" + theirs
                        + "` from vendor OID " + vendorOid.get() + " (vendor mapper's job); no standard serial");
            }
        }
        return new Finding("serial", Outcome.MISMATCH, "serial: expected `" + theirs + "`, read `" + ours + "`");
    }

    private static Finding mac(DeviceReading reading, LibreNmsExpectation expected) {
        String ours = reading.identity().macAddress();
        String compact = ours == null ? null : ours.replace(":", "").toUpperCase(Locale.ROOT);
        if (expected.macs().isEmpty()) {
            return ours == null ? new Finding("mac", Outcome.SAME, "")
                    : new Finding("mac", Outcome.ACCEPTED_DIFFERENCE, "MAC: LibreNMS lists no port");
        }
        if (compact != null && expected.macs().contains(compact)) {
            return new Finding("mac", Outcome.SAME, "");
        }
        return new Finding("mac", Outcome.MISMATCH, "MAC: expected one of " + expected.macs() + ", read " + ours);
    }

    /** Model names are informational: LibreNMS often takes them from vendor MIBs. */
    private static Finding model(String name, DeviceReading reading, LibreNmsExpectation expected) {
        String ours = reading.identity().model();
        String theirs = expected.hardware();
        if (Objects.equals(ours, theirs)) {
            return new Finding("model", Outcome.SAME, "");
        }
        return new Finding("model", Outcome.ACCEPTED_DIFFERENCE,
                "model: LibreNMS `" + theirs + "`, ours `" + ours + "`: " + modelNote(name, reading, theirs));
    }

    /** Why a model name differs from LibreNMS's, for the recordings where a general rule does not say. */
    private static final Map<String, String> MODEL_NOTES = Map.of(
            "konica", "LibreNMS reads Konica Minolta's private hardware OID, which holds the name of the Develop"
                    + " OEM twin; sysDescr says bizhub C3110 and hrDeviceDescr only `Generic 28C-1`",
            "jetdirect_m130nw", "LibreNMS reads the model family from HP's private MIB; hrDeviceDescr names the"
                    + " exact model",
            "epson-scanner_ds-860", "a scanner: its only hrDevice row is not an hrDevicePrinter, so there is no"
                    + " printer description to take; LibreNMS reads Epson's private MIB",
            "zebra", "the recording has no hrDeviceDescr and sysDescr names the print server; LibreNMS reads"
                    + " Zebra's private MIB");

    private static String modelNote(String name, DeviceReading reading, String theirs) {
        String ours = reading.identity().model();
        String manufacturer = reading.identity().manufacturer();
        if (MODEL_NOTES.containsKey(name)) {
            return MODEL_NOTES.get(name);
        }
        if (theirs == null) {
            return "LibreNMS has none";
        }
        if (ours != null && manufacturer != null && theirs.equalsIgnoreCase(manufacturer + " " + ours)) {
            return "same model; the vendor word is in manufacturer (`" + manufacturer + "`)";
        }
        return "differs";
    }

    private static Finding total(DeviceReading reading, LibreNmsExpectation expected) {
        Optional<Meter> total = reading.meter("total");
        OptionalLong theirs = expected.lifeCount();
        if (theirs.isEmpty()) {
            return new Finding("total", Outcome.SAME, "");
        }
        if (total.isPresent() && total.get().value() == theirs.getAsLong()) {
            return new Finding("total", Outcome.SAME, "");
        }
        return new Finding("total", Outcome.MISMATCH, "total: expected " + theirs.getAsLong() + ", read " + total);
    }

    private static List<Finding> supplies(DeviceReading reading, LibreNmsExpectation expected) {
        List<Finding> findings = new ArrayList<>();
        Map<Integer, Supply> ours = reading.supplies().stream()
                .collect(Collectors.toMap(Supply::index, s -> s, (a, b) -> a));
        List<Integer> whitespace = new ArrayList<>();
        List<Integer> truncated = new ArrayList<>();
        List<Integer> untyped = new ArrayList<>();
        List<Integer> special = new ArrayList<>();
        for (LibreNmsExpectation.ExpectedSupply theirs : expected.supplies()) {
            Supply supply = ours.get(theirs.index());
            if (supply == null) {
                findings.add(new Finding("supplies", Outcome.MISMATCH, "supply " + theirs.index() + " missing"));
                continue;
            }
            String description = supply.description() == null ? "" : supply.description();
            if (!description.equals(theirs.description())) {
                if (description.replaceAll("\\s", "").equals(theirs.description().replaceAll("\\s", ""))) {
                    whitespace.add(theirs.index());
                } else if (description.startsWith(theirs.description() + ",")) {
                    truncated.add(theirs.index());
                } else {
                    findings.add(new Finding("supplies", Outcome.MISMATCH, "supply " + theirs.index()
                            + " description: expected `" + theirs.description() + "`, read `" + description + "`"));
                }
            }
            if (!theirs.type().equals(supply.type())) {
                if (supply.type() == null && "markerSupply".equals(theirs.type())) {
                    untyped.add(theirs.index());
                } else {
                    findings.add(new Finding("supplies", Outcome.MISMATCH, "supply " + theirs.index()
                            + " type: expected " + theirs.type() + ", read " + supply.type()));
                }
            }
            long capacity = supply.maxCapacity().isAmount() ? supply.maxCapacity().amount() : LIBRENMS_UNKNOWN_CAPACITY;
            long current = librenmsCurrent(supply.level(), supply.maxCapacity());
            if (capacity != theirs.capacity() || current != theirs.current()) {
                findings.add(new Finding("supplies", Outcome.MISMATCH, "supply " + theirs.index() + " level: expected "
                        + theirs.current() + "/" + theirs.capacity() + ", read " + supply.level() + "/"
                        + supply.maxCapacity()));
            } else if (!supply.maxCapacity().isAmount() || !supply.level().isAmount()) {
                special.add(theirs.index());
            }
        }
        List<Integer> extra = ours.keySet().stream()
                .filter(i -> expected.supplies().stream().noneMatch(s -> s.index() == i)).sorted().toList();
        if (!whitespace.isEmpty()) {
            findings.add(accepted("supplies " + whitespace + ": LibreNMS drops the space where the broken hex dump"
                    + " broke the line (we read e.g. `" + ours.get(whitespace.get(0)).description() + "`)"));
        }
        if (!truncated.isEmpty()) {
            findings.add(accepted("supplies " + truncated + ": LibreNMS keeps the description up to the comma;"
                    + " we keep the device's whole text and give part number `"
                    + ours.get(truncated.get(0)).partNumber() + "` (first one) separately"));
        }
        if (!untyped.isEmpty()) {
            findings.add(accepted("supplies " + untyped + ": recording has no prtMarkerSuppliesType; LibreNMS says"
                    + " `markerSupply`, we leave the type empty"));
        }
        if (!special.isEmpty()) {
            findings.add(accepted("supplies " + special + ": RFC 3805 special values (" + specialValues(ours, special)
                    + ") kept as such; LibreNMS shows capacity 100 and 50 % for them"));
        }
        if (!extra.isEmpty()) {
            findings.add(accepted("supplies " + extra + " (" + specialValues(ours, extra)
                    + "): not in LibreNMS, which drops a supply whose level and capacity are both unknown"));
        }
        if (findings.isEmpty()) {
            findings.add(new Finding("supplies", Outcome.SAME, ""));
        }
        return findings;
    }

    private static Finding accepted(String note) {
        return new Finding("supplies", Outcome.ACCEPTED_DIFFERENCE, note);
    }

    private static String specialValues(Map<Integer, Supply> ours, List<Integer> indexes) {
        return indexes.stream().map(ours::get).map(s -> "level " + s.level() + ", max " + s.maxCapacity())
                .distinct().collect(Collectors.joining("; "));
    }

    /** LibreNMS's supply_current: percent when both are amounts, the level itself, or 50 for -2/-3. */
    private static long librenmsCurrent(SupplyLevel level, SupplyLevel max) {
        if (level.isAmount() && max.isAmount() && max.amount() > 0) {
            return Math.round(100.0 * level.amount() / max.amount());
        }
        return level.isAmount() ? level.amount() : LIBRENMS_UNKNOWN_CURRENT;
    }
}
