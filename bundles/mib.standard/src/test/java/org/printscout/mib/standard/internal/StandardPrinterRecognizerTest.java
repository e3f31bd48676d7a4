package org.printscout.mib.standard.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.printscout.api.discovery.PrinterRecognizer.Verdict;
import org.printscout.api.snmp.Oid;
import org.printscout.api.snmp.Snapshot;

class StandardPrinterRecognizerTest {

    private final StandardPrinterRecognizer recognizer = new StandardPrinterRecognizer();

    @Test
    void neverCallsANegativeAPrinterFromItsProbePlanAlone() {
        for (Path file : Recordings.negatives()) {
            assertNotEquals(Verdict.PRINTER, recognizer.recognise(probeView(file)), Recordings.name(file));
        }
    }

    @Test
    void seesEveryPrinterTheFullRecognitionSeesFromItsProbePlanAlone() {
        int printers = 0;
        for (Path file : Recordings.printers()) {
            if (PrinterRecognition.isPrinter(Recordings.load(file).snapshot())) {
                printers++;
                assertEquals(Verdict.PRINTER, recognizer.recognise(probeView(file)), Recordings.name(file));
            }
        }
        assertNotEquals(0, printers);
    }

    @Test
    void saysNotAPrinterForAWindowsHost() {
        Path windows = Recordings.negatives().stream().filter(p -> Recordings.name(p).startsWith("windows")).findFirst().orElseThrow();
        assertEquals(Verdict.NOT_PRINTER, recognizer.recognise(probeView(windows)));
    }

    private Snapshot probeView(Path file) {
        List<Oid> roots = new ArrayList<>(recognizer.plan().columns());
        roots.addAll(recognizer.plan().scalars());
        roots.add(StandardOids.SYS_DESCR);
        roots.add(StandardOids.SYS_OBJECT_ID);
        return Recordings.load(file).snapshot().restrictTo(roots);
    }
}
