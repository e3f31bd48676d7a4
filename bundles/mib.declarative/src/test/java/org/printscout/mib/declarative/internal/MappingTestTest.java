package org.printscout.mib.declarative.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** scout:mapping-test, without Gogo. */
class MappingTestTest {

    @TempDir
    Path dir;

    private final MappingTest test = new MappingTest(TestFiles.READER);

    @Test
    void showsEachFieldWithWhereItCameFrom() throws Exception {
        MappingTest.Report report = test.run(TestFiles.docs().resolve("mapping/zebra-label-printers.mapping.xml"),
                TestFiles.recording("zebra"));
        String text = report.text();
        assertTrue(report.valid());
        assertTrue(text.contains(": valid"), text);
        assertTrue(text.contains("claimed: yes"), text);
        assertTrue(text.matches("(?s).*serialNumber\\s+37J162600538\\s+from 1\\.3\\.6\\.1\\.4\\.1\\.10642\\.200\\.19\\.5\\.0.*"), text);
        assertTrue(text.matches("(?s).*meter zebra\\.printLength\\s+19200000 ten_thousandths_of_inches.*"), text);
        assertFalse(text.contains("Not filled"), text);
    }

    @Test
    void saysWhatStayedEmptyAndWhetherTheDeviceIsClaimed() throws Exception {
        MappingTest.Report report = test.run(TestFiles.docs().resolve("mapping/zebra-label-printers.mapping.xml"),
                TestFiles.recording("kyocera"));
        assertTrue(report.text().contains("claimed: NO"), report.text());
        assertTrue(report.text().contains("Not filled"), report.text());
        assertTrue(report.text().contains("1.3.6.1.4.1.10642.1.1.0 is not in the snapshot"), report.text());
    }

    @Test
    void listsTheProblemsOfABadFileWithLines() throws Exception {
        Path bad = dir.resolve("bad.mapping.xml");
        Files.writeString(bad, TestFiles.mapping("<meter name=\"totl\" unit=\"pages\"><value oid=\"1.3.6.1.4.1.1.0\"/></meter>\n"
                + "<identity field=\"model\"><value oid=\"1.3.6.1.2.1.1.1.0\" regex=\"([\"/></identity>\n"));
        MappingTest.Report report = test.run(bad, TestFiles.recording("zebra"));
        assertFalse(report.valid());
        assertTrue(report.text().contains("REJECTED, 2 problems"), report.text());
        assertTrue(report.text().contains(bad + ":3:"), report.text());
        assertTrue(report.text().contains(bad + ":4:"), report.text());
    }

    @Test
    void theGogoCommandPrintsUsageForWrongArguments() throws Exception {
        MappingTestCommand command = new MappingTestCommand();
        assertTrue(String.valueOf(command.execute(null, List.of("only-one"))).startsWith("usage: scout:mapping-test"));
        Object out = command.execute(null, List.of(TestFiles.docs().resolve("mapping/zebra-label-printers.mapping.xml").toString(),
                TestFiles.recording("zebra").toString()));
        assertTrue(String.valueOf(out).contains("TLP 2824 Plus"), String.valueOf(out));
    }
}
