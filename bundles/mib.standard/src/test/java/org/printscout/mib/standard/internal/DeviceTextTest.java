package org.printscout.mib.standard.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;
import org.printscout.api.snmp.SnmpValue;

class DeviceTextTest {

    private static String clean(String text) {
        return DeviceText.of(SnmpValue.text(text)).orElse(null);
    }

    private static String cleanBytes(byte[] bytes) {
        return DeviceText.of(SnmpValue.octets(bytes)).orElse(null);
    }

    @Test
    void joinsLiteralStartAndDecodedHexDumpWithoutASeparator() {
        assertEquals("Black Cartridge 827A HP CF300A",
                clean("Black Cartridge \n38 32 37 41 20 48 50 20 43 46 33 30 30 41 00 "));
        assertEquals("Cyan Drum 828A HP CF359A", clean("Cyan Drum 828A H\n50 20 43 46 33 35 39 41 00 "));
    }

    @Test
    void decodesADumpThatGoesOnOverSeveralLines() {
        assertEquals("Fuser Kit HP 110V-C1N54A, 220V-C1N58A", clean(
                "Fuser Kit HP 110\n56 2D 43 31 4E 35 34 41 2C 20 32 32 30 56 2D 43 \n31 4E 35 38 41 00 "));
    }

    @Test
    void decodesAValueThatIsAHexDumpAsAWhole() {
        assertEquals("Black Toner", clean("42 6C 61 63 6B 20 54 6F 6E 65 72 00"));
    }

    @Test
    void decodesAMultiByteCharacterSplitBetweenDumpLines() {
        // "Tóner" in UTF-8 is 54 C3 B3 6E 65 72; the dump breaks the line inside the ó
        assertEquals("T\u00f3ner negro", clean("T\n" + "C3\nB3 6E 65 72 20 6E 65 67 72 6F 00"));
    }

    @Test
    void leavesShortNumbersAndNonTextDumpsAlone() {
        assertEquals("12 34", clean("12 34"));
        assertEquals("Tray 01 02 03", clean("Tray\n01 02 03"));
    }

    @Test
    void joinsOrdinaryLinesWithASpace() {
        assertEquals("Black Toner", clean("Black\nToner"));
    }

    @Test
    void cutsAtTheFirstNulAndCollapsesWhiteSpace() {
        byte[] raw = "Cyan Toner\0\u00ff garbage".getBytes(StandardCharsets.ISO_8859_1);
        assertEquals("Cyan Toner", cleanBytes(raw));
        assertEquals("Black Toner", clean("  Black \t  Toner  "));
    }

    @Test
    void readsLatin1WhenTheBytesAreNotUtf8() {
        assertEquals("Tambour noir \u00e9", cleanBytes(HexFormat.of().parseHex("54616d626f7572206e6f697220e9")));
        assertEquals("T\u00f3ner negro", cleanBytes("T\u00f3ner negro".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void hasNothingForBlankValues() {
        assertTrue(DeviceText.of(SnmpValue.text("  ")).isEmpty());
        assertTrue(DeviceText.of(SnmpValue.octets(new byte[] {0, 0})).isEmpty());
    }
}
