package org.printscout.mib.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HexFormat;
import java.util.Optional;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;
import org.printscout.api.snmp.SnmpType;
import org.printscout.api.snmp.SnmpValue;

class VendorTextTest {

    private static SnmpValue hex(String hex) {
        return SnmpValue.octets(HexFormat.of().parseHex(hex));
    }

    @Test
    void dropsHpPmlHeaderOctets() {
        assertEquals(Optional.of("VNCRC48198"), VendorText.of(hex("0115564E4352433438313938")));
    }

    @Test
    void joinsAHexDumpTailToTheTextBeforeIt() {
        // "HP LaserJet MF\n50 20 4D 31 33 30 6E 77 " as recorded from jetdirect_m130nw
        SnmpValue broken = hex("01154850204C617365724A6574204D460a353020323020344420333120333320333020364520373720");
        assertEquals(Optional.of("HP LaserJet MFP M130nw"), VendorText.of(broken));
    }

    @Test
    void keepsOrdinaryMultiLineText() {
        assertEquals(Optional.of("Black Toner Cartridge"), VendorText.of(SnmpValue.text("Black Toner\nCartridge")));
    }

    @Test
    void decodesHexEncodedTextOnlyWhenAskedAndPrintable() {
        assertEquals(Optional.of("5A544320"), VendorText.of(SnmpValue.text("5A544320")));
        assertEquals(Optional.of("ZTC"), VendorText.ofTextOrHex(SnmpValue.text("5A544320")));
        assertEquals(Optional.of("01020304"), VendorText.ofTextOrHex(SnmpValue.text("01020304")));
        assertEquals(Optional.of("000A5J431816"), VendorText.ofTextOrHex(SnmpValue.text("000A5J431816")));
    }

    @Test
    void blankAndPlaceholderSerialsAreEmpty() {
        assertEquals(Optional.empty(), VendorText.of(SnmpValue.text("  ")));
        assertEquals(Optional.empty(), VendorText.serial(VendorText.of(SnmpValue.text("0000000000"))));
        assertEquals(Optional.empty(), VendorText.serial(VendorText.of(SnmpValue.text("Unknown"))));
        assertEquals(Optional.of("QUV9600664"), VendorText.serial(VendorText.of(SnmpValue.text("QUV9600664"))));
    }

    @Test
    void countersAcceptNumbersAndDecimalTextOnly() {
        assertEquals(OptionalLong.of(42), VendorCounters.count(SnmpValue.number(SnmpType.COUNTER64, 42)));
        assertEquals(OptionalLong.of(42), VendorCounters.count(SnmpValue.text(" 42 ")));
        assertEquals(OptionalLong.empty(), VendorCounters.count(SnmpValue.integer(-1)));
        assertEquals(OptionalLong.empty(), VendorCounters.count(SnmpValue.number(SnmpType.COUNTER64, Long.MIN_VALUE)));
        assertEquals(OptionalLong.empty(), VendorCounters.count(SnmpValue.text("1920 INCHES")));
        assertEquals(OptionalLong.empty(), VendorCounters.count(SnmpValue.number(SnmpType.TIMETICKS, 5)));
    }

    @Test
    void deviceIdFieldsAndModelNames() {
        String id = "MFG:HP;CMD:PJL,PML;MDL:HP LaserJet MFP M129-M134;DES:HP LaserJet MFP M130nw;";
        assertEquals(Optional.of("HP LaserJet MFP M130nw"), DeviceIdString.field(id, "DES", "MDL"));
        assertEquals(Optional.of("LaserJet MFP M130nw"),
                ModelNames.withoutVendor("Hewlett-Packard LaserJet MFP M130nw", "HP", "Hewlett-Packard"));
        assertEquals(Optional.of("MFC-L2710DW"), ModelNames.withoutVendor("Brother MFC-L2710DW series", "Brother"));
    }
}
