package org.printscout.mib.standard.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.printscout.api.model.DeviceReading;
import org.printscout.api.snmp.Oid;
import org.printscout.api.snmp.Snapshot;
import org.printscout.api.snmp.SnmpValue;

class DeviceIdTest {

    @Test
    void parsesKeysCaseInsensitivelyWithTheLongSpellingsAndBlanksAroundValues() {
        Map<String, String> xerox = DeviceId.parse("MFG:Xerox; CMD:PCL, PJL, PostScript, XPS; MDL:AltaLink C8045; CLS:Printer; DES:Xerox AltaLink C8045;");
        assertEquals(Optional.of("Xerox"), DeviceId.manufacturer(xerox));
        assertEquals(Optional.of("AltaLink C8045"), DeviceId.model(xerox));
        Map<String, String> longKeys = DeviceId.parse("manufacturer:Acme Imaging;model:Jet 9000;");
        assertEquals(Optional.of("Acme Imaging"), DeviceId.manufacturer(longKeys));
        assertEquals(Optional.of("Jet 9000"), DeviceId.model(longKeys));
        assertEquals(Map.of(), DeviceId.parse("garbage without pairs"));
        assertEquals(Optional.empty(), DeviceId.model(DeviceId.parse("MFG:HP;MDL:;")));
    }

    /** The m130nw recording without sysDescr and hrDeviceDescr: HP's copy of the Device ID names it. */
    @Test
    void makeAndModelComeFromTheDeviceIdWhenTheTextsAreMissing() {
        Snapshot recorded = Recordings.load(Recordings.printersDir().resolve("snmprec/jetdirect_m130nw.snmprec")).snapshot();
        TreeMap<Oid, SnmpValue> values = new TreeMap<>(recorded.asMap());
        values.remove(StandardOids.SYS_DESCR);
        values.keySet().removeIf(oid -> oid.startsWith(StandardOids.HR_DEVICE_DESCR));
        DeviceReading reading = Recordings.map(new StandardMibMapper(), Snapshot.of(values));
        assertEquals("HP", reading.identity().manufacturer());
        assertEquals("LaserJet MFP M129-M134", reading.identity().model());
    }

    @Test
    void aGenericDescriptionGivesWayToTheDeviceIdAndTheTextsStillWinOtherwise() {
        Map<String, String> id = DeviceId.parse("MFG:KONICA MINOLTA;MDL:bizhub C3110;");
        DeviceNames.Names generic = DeviceNames.of(Optional.empty(), Optional.of("Generic 28C-1"), id);
        assertEquals(Optional.of("Konica Minolta"), generic.manufacturer());
        assertEquals(Optional.of("bizhub C3110"), generic.model());
        DeviceNames.Names named = DeviceNames.of(Optional.of("KONICA MINOLTA bizhub C250i"), Optional.empty(), id);
        assertEquals(Optional.of("bizhub C250i"), named.model());
    }

    @Test
    void thePwgColumnIsReadFirst() {
        Map<Oid, SnmpValue> values = Map.of(
                StandardOids.PPM_PRINTER_IEEE1284_DEVICE_ID.append(1), SnmpValue.text("MFG:Canon;MDL:iR-ADV C5535;"),
                StandardOids.HP_IEEE1284_DEVICE_ID, SnmpValue.text("MFG:HP;MDL:Something Else;"));
        assertEquals(Optional.of("iR-ADV C5535"), DeviceId.model(DeviceId.of(Snapshot.of(values))));
    }
}
