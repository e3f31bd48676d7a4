package org.printscout.api.snmp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class SnmprecFormatTest {

    private static final String RECORDING = String.join("\n",
            "# a comment",
            "1.3.6.1.2.1.1.1.0|4|HP ETHERNET MULTI-ENVIRONMENT",
            "1.3.6.1.2.1.1.2.0|6|1.3.6.1.4.1.11.2.3.9.1",
            "1.3.6.1.2.1.2.2.1.6.1|4x|0017a4e1f2c3",
            "1.3.6.1.2.1.4.20.1.1.10.0.0.5|64|10.0.0.5",
            "1.3.6.1.2.1.43.10.2.1.4.1.1|65|123456",
            "1.3.6.1.2.1.43.11.1.1.9.1.1|2|-3",
            "",
            "1.3.6.1.2.1.25.3.2.1.3.1|4x|48 50 20 4c 61 73 65 72 4a 65 74");

    @Test
    void readsEveryTypeAsSnmpsimWritesIt() throws IOException {
        Snapshot s = SnmprecFormat.read(new StringReader(RECORDING), "hp.snmprec");
        assertEquals(7, s.size());
        assertEquals("HP ETHERNET MULTI-ENVIRONMENT", s.text(Oid.parse("1.3.6.1.2.1.1.1.0")).orElseThrow());
        assertEquals(Oid.parse("1.3.6.1.4.1.11.2.3.9.1"), s.get(Oid.parse("1.3.6.1.2.1.1.2.0")).orElseThrow().asOid().orElseThrow());
        assertEquals("0017A4E1F2C3", s.get(Oid.parse("1.3.6.1.2.1.2.2.1.6.1")).orElseThrow().asHex());
        assertEquals(SnmpType.IP_ADDRESS, s.get(Oid.parse("1.3.6.1.2.1.4.20.1.1.10.0.0.5")).orElseThrow().type());
        assertEquals(123456, s.number(Oid.parse("1.3.6.1.2.1.43.10.2.1.4.1.1")).orElseThrow());
        assertEquals(-3, s.number(Oid.parse("1.3.6.1.2.1.43.11.1.1.9.1.1")).orElseThrow());
        assertEquals("HP LaserJet", s.text(Oid.parse("1.3.6.1.2.1.25.3.2.1.3.1")).orElseThrow(), "hex with spaces");
    }

    @Test
    void aDamagedLineFailsAStrictReadWithItsLineAndIsSkippedByALenientOne() throws IOException {
        String damaged = "1.3.6.1.2.1.1.1.0|4|fine\n1.3.6.x.1|4|anonymised\n1.3.6.1.2.1.1.3.0|67|not a number\n1.3.6.1.2.1.1.5.0|4|name\n";
        SnmprecFormat.FormatException e = assertThrows(SnmprecFormat.FormatException.class,
                () -> SnmprecFormat.read(new StringReader(damaged), "bad.snmprec"));
        assertEquals(2, e.line());
        List<Integer> skipped = new ArrayList<>();
        Snapshot s = SnmprecFormat.readLenient(new StringReader(damaged), "bad.snmprec", bad -> skipped.add(bad.line()));
        assertEquals(List.of(2, 3), skipped);
        assertEquals(2, s.size());
    }

    @Test
    void whatIsWrittenReadsBackTheSameAndTextThatWouldBreakALineBecomesHex() throws IOException {
        Map<Oid, SnmpValue> values = Map.of(
                Oid.parse("1.3.6.1.2.1.1.1.0"), SnmpValue.text("line one\nline two|with a bar"),
                Oid.parse("1.3.6.1.2.1.1.5.0"), SnmpValue.text("printer-7"),
                Oid.parse("1.3.6.1.2.1.1.3.0"), SnmpValue.number(SnmpType.TIMETICKS, 4242),
                Oid.parse("1.3.6.1.2.1.1.2.0"), SnmpValue.objectId(Oid.parse("1.3.6.1.4.1.1347")));
        StringWriter out = new StringWriter();
        for (Map.Entry<Oid, SnmpValue> e : Snapshot.of(values).asMap().entrySet()) {
            SnmprecFormat.write(out, e.getKey(), e.getValue());
        }
        assertEquals(4, out.toString().lines().count(), "one line per value: " + out);
        Snapshot back = SnmprecFormat.read(new StringReader(out.toString()), "written");
        assertEquals(Snapshot.of(values).asMap(), back.asMap());
    }
}
