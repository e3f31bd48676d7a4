package org.printscout.mib.standard.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.printscout.api.mapper.OidPlan;
import org.printscout.api.model.DeviceReading;
import org.printscout.api.model.MeterUnit;
import org.printscout.api.model.Supply;
import org.printscout.api.model.SupplyLevel;
import org.printscout.api.snmp.Oid;
import org.printscout.api.snmp.Snapshot;

/** The mapper replayed against every shared recording, printers and non-printers. */
class RecordedPrintersTest {

    private final StandardMibMapper mapper = new StandardMibMapper();

    static Stream<Path> everyRecording() {
        List<Path> all = new ArrayList<>(Recordings.printers());
        all.addAll(Recordings.negatives());
        return all.stream();
    }

    static Stream<Path> recordingsWithExpectations() {
        return Recordings.printers().stream().filter(p -> Recordings.expectedJson(Recordings.name(p)).isPresent());
    }

    @Test
    void twentyRecordingsHaveLibreNmsExpectations() {
        assertEquals(20, recordingsWithExpectations().count());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyRecording")
    void mapsFromNothingButItsPlan(Path recording) {
        Snapshot full = Recordings.load(recording).snapshot();
        OidPlan plan = mapper.plan(Recordings.facts(full));

        DeviceReading fromFull = Recordings.map(mapper, full);
        DeviceReading fromPlan = Recordings.map(mapper, Recordings.restrictedTo(full, plan));

        assertEquals(fromFull, fromPlan, "map() read an OID its plan does not declare");
        assertTrue(fromFull.problems().isEmpty(), () -> fromFull.problems().toString());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyRecording")
    void recognitionReadsNothingButItsPlan(Path recording) {
        Snapshot full = Recordings.load(recording).snapshot();
        assertEquals(PrinterRecognition.isPrinter(full),
                PrinterRecognition.isPrinter(Recordings.restrictedTo(full, PrinterRecognition.PLAN)));
    }

    @Test
    void recognitionPlanIsPartOfTheMapperPlan() {
        List<Oid> roots = new ArrayList<>(PrinterRecognition.PLAN.scalars());
        roots.addAll(PrinterRecognition.PLAN.columns());
        for (Oid root : roots) {
            assertTrue(StandardMibMapper.PLAN.covers(root), root + " is read by recognition but not fetched");
        }
    }

    @Test
    void recognisesEveryFullPrinterRecording() {
        List<String> printers = new ArrayList<>();
        for (Path recording : Recordings.printers()) {
            Recordings.Recording loaded = Recordings.load(recording);
            if (Recordings.isFullRecording(loaded.snapshot()) && !loaded.name().startsWith("epson-scanner")) {
                assertTrue(PrinterRecognition.isPrinter(loaded.snapshot()), loaded.name() + " not recognised");
                printers.add(loaded.name());
            }
        }
        assertEquals(18, printers.size(), printers.toString());
    }

    @Test
    void doesNotTakeTheStandaloneScannerForAPrinter() {
        Snapshot scanner = load("epson-scanner_ds-860");
        assertFalse(PrinterRecognition.isPrinter(scanner));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("negatives")
    void recognisesNoNegative(Path recording) {
        assertFalse(PrinterRecognition.isPrinter(Recordings.load(recording).snapshot()));
    }

    static Stream<Path> negatives() {
        return Recordings.negatives().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("recordingsWithExpectations")
    void agreesWithLibreNmsOrDiffersForAKnownReason(Path recording) {
        Recordings.Recording loaded = Recordings.load(recording);
        LibreNmsExpectation expected = LibreNmsExpectation.read(Recordings.expectedJson(loaded.name()).orElseThrow());
        RecordingComparison.Result result = RecordingComparison.compare(loaded.name(), loaded.snapshot(),
                Recordings.map(mapper, loaded.snapshot()), expected);
        assertTrue(result.matches(), () -> loaded.name() + ": " + result.mismatches());
    }

    @Test
    void repairsTheBrokenHexDumpDescriptionsOfTheM880() {
        Map<Integer, Supply> supplies = supplies("jetdirect_m880");
        assertEquals("Black Cartridge 827A HP CF300A", supplies.get(1).description());
        assertEquals("Magenta Cartridge 827A HP CF303A", supplies.get(3).description());
        assertEquals("Black Drum 828A HP CF358A", supplies.get(5).description());
        assertEquals("Transfer Kit HP D7H14A", supplies.get(9).description());
        assertEquals("Fuser Kit HP 110V-C1N54A, 220V-C1N58A", supplies.get(10).description());
        assertEquals("Document Feeder Kit HP C1P70A", supplies.get(11).description());
        assertEquals("Clean Rollers HP None", supplies.get(12).description());
        assertEquals("Stapler 3 HP CC383A", supplies.get(15).description());
        assertEquals("staples", supplies.get(13).type());
        assertEquals("items", supplies.get(13).unit());
        assertEquals("percent", supplies.get(1).unit());
    }

    @Test
    void keepsRfc3805SpecialLevelsAsWhatTheyMean() {
        Supply wasteToner = supplies("brother").get(1);
        assertEquals(SupplyLevel.SOME_REMAINING, wasteToner.level());
        assertEquals(SupplyLevel.UNKNOWN, wasteToner.maxCapacity());
        assertTrue(wasteToner.percent().isEmpty());

        Map<Integer, Supply> sharp = supplies("sharp");
        assertEquals(SupplyLevel.ofPrinterMib(100), sharp.get(5).level());
        assertEquals(SupplyLevel.UNKNOWN, sharp.get(5).maxCapacity());
        assertEquals(SupplyLevel.UNKNOWN, sharp.get(14).level());
        assertEquals(96, Math.round(supplies("brother").get(2).percent().orElseThrow()));
    }

    @Test
    void keepsXeroxDescriptionsWholeAndGivesThePartNumber() {
        Map<Integer, Supply> supplies = supplies("xerox");
        assertEquals("Black Toner, PN 006R01509;SN48178080E0000481", supplies.get(1).description());
        assertEquals("006R01509", supplies.get(1).partNumber());
        assertEquals(null, supplies.get(9).partNumber(), "'PN unknown' is no part number");
    }

    @Test
    void decodesTheErrorStatesOfTheRecordings() {
        assertEquals(List.of("serviceRequested"), read("konica_c250i").status().conditions());
        assertEquals(List.of("lowToner"), read("sharp").status().conditions());
        assertEquals(List.of("lowPaper"), read("samsungprinter_m4080fx").status().conditions());
        assertEquals(List.of(), read("epson").status().conditions(), "empty string: no condition");
        assertEquals(List.of(), read("zebra").status().conditions());
        assertEquals("idle", read("zebra").status().printerStatus());
        assertEquals("warning", read("sharp").status().deviceStatus());
    }

    @Test
    void readsTheSerialFromSysDescrWhenThePrinterMibHasNone() {
        assertEquals("AAA0A00000", read("jetdirect").identity().serialNumber());
        assertEquals("VNCRC48198", read("jetdirect_m130nw").identity().serialNumber());
    }

    @Test
    void countsPagesInTheMarkersUnit() {
        assertEquals(MeterUnit.SHEETS, read("ricoh_mpc3002").meter("total").orElseThrow().unit());
        assertEquals(271871, read("ricoh_mpc3002").meter("total").orElseThrow().value());
        assertEquals(MeterUnit.IMPRESSIONS, read("sharp").meter("total").orElseThrow().unit());
    }

    @Test
    void skipsTheAllZeroAddressOfTheZebra() {
        assertEquals("00:07:4D:6B:C2:A8", read("zebra").identity().macAddress());
    }

    @Test
    void namesTheModelFromHrDeviceDescrWhenSysDescrNamesOnlyTheNetworkCard() {
        assertEquals("MFC-L2710DW", read("brother").identity().model());
        assertEquals("Brother", read("brother").identity().manufacturer());
        assertEquals("Color LaserJet M452nw", read("jetdirect").identity().model());
        assertEquals("HP", read("jetdirect").identity().manufacturer());
        assertEquals("P-4532DN", read("utax").identity().model());
        assertEquals("UTAX", read("utax").identity().manufacturer());
        assertEquals("MC873", read("okilan_9450g").identity().model());
        assertEquals("bizhub C3110", read("konica").identity().model(), "sysDescr beats a generic hrDeviceDescr");
    }

    private DeviceReading read(String name) {
        return Recordings.map(mapper, load(name));
    }

    private Map<Integer, Supply> supplies(String name) {
        return read(name).supplies().stream().collect(Collectors.toMap(Supply::index, Function.identity()));
    }

    private static Snapshot load(String name) {
        return Recordings.load(Recordings.printersDir().resolve("snmprec").resolve(name + ".snmprec")).snapshot();
    }
}
