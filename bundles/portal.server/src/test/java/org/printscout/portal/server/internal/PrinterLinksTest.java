package org.printscout.portal.server.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class PrinterLinksTest {

    private static final String PAGE = "<a href=\"http://10.1.2.3/counters.html\">a</a> <a href='http://10.1.2.3:80/x?y=1'>b</a>"
            + " <img src=\"//10.1.2.3/logo.png\"> <a href=\"HTTP://10.1.2.3\">home</a> <a href=\"http://10.1.2.33/other\">c</a>"
            + " <a href=\"http://10.1.2.3.example.com/\">d</a> <a href=\"https://10.1.2.3/tls\">e</a> <a href=\"http://10.1.2.3:8080/\">f</a>"
            + " Zähler ü € <a href=\"http://10.1.2.3?q\">g</a>";
    private static final String REWRITTEN = "<a href=\"/counters.html\">a</a> <a href='/x?y=1'>b</a>"
            + " <img src=\"/logo.png\"> <a href=\"/\">home</a> <a href=\"http://10.1.2.33/other\">c</a>"
            + " <a href=\"http://10.1.2.3.example.com/\">d</a> <a href=\"https://10.1.2.3/tls\">e</a> <a href=\"http://10.1.2.3:8080/\">f</a>"
            + " Zähler ü € <a href=\"/?q\">g</a>";

    @Test
    void linksToThePrintersOwnOriginBecomeRelativeWhereverTheBodyIsSplit() {
        byte[] page = PAGE.getBytes(StandardCharsets.UTF_8);
        assertEquals(REWRITTEN, transform(new PrinterLinks("10.1.2.3", 80, false), page, page.length));
        for (int piece = 1; piece < 40; piece++) {
            assertEquals(REWRITTEN, transform(new PrinterLinks("10.1.2.3", 80, false), page, piece), "pieces of " + piece + " bytes");
        }
    }

    @Test
    void anHttpsSessionRewritesHttpsLinksAndLeavesPlainOnes() {
        byte[] page = "<a href=\"https://10.1.2.3:443/a\">x</a><a href=\"http://10.1.2.3/b\">y</a>".getBytes(StandardCharsets.UTF_8);
        assertEquals("<a href=\"/a\">x</a><a href=\"http://10.1.2.3/b\">y</a>", transform(new PrinterLinks("10.1.2.3", 443, true), page, 7));
    }

    @Test
    void ipv6AddressesAreMatchedInBrackets() {
        byte[] page = "<a href=\"http://[fd00::5]/a\">x</a><a href=\"http://[fd00::55]/a\">y</a>".getBytes(StandardCharsets.UTF_8);
        assertEquals("<a href=\"/a\">x</a><a href=\"http://[fd00::55]/a\">y</a>", transform(new PrinterLinks("fd00::5", 80, false), page, 3));
    }

    @Test
    void onlyTextBodiesAreRewritten() {
        assertTrue(PrinterLinks.rewritable("text/html; charset=utf-8"));
        assertTrue(PrinterLinks.rewritable("Application/JavaScript"));
        assertTrue(PrinterLinks.rewritable("text/css"));
        assertFalse(PrinterLinks.rewritable("application/octet-stream"));
        assertFalse(PrinterLinks.rewritable("image/png"));
        assertFalse(PrinterLinks.rewritable(null));
    }

    @Test
    void aLargeBodyIsPassedOnAsItComesNotHeldBack() {
        PrinterLinks links = new PrinterLinks("10.1.2.3", 80, false);
        List<ByteBuffer> out = new ArrayList<>();
        links.transform(ByteBuffer.wrap(new byte[64 * 1024]), false, out);
        int passed = out.stream().mapToInt(ByteBuffer::remaining).sum();
        assertTrue(passed >= 64 * 1024 - 64, "held back " + (64 * 1024 - passed) + " bytes");
    }

    private static String transform(PrinterLinks links, byte[] body, int piece) {
        ByteArrayOutputStream result = new ByteArrayOutputStream();
        for (int at = 0; at < body.length; at += piece) {
            List<ByteBuffer> out = new ArrayList<>();
            int end = Math.min(body.length, at + piece);
            links.transform(ByteBuffer.wrap(body, at, end - at), end == body.length, out);
            out.forEach(buffer -> {
                byte[] bytes = new byte[buffer.remaining()];
                buffer.get(bytes);
                result.writeBytes(bytes);
            });
        }
        return result.toString(StandardCharsets.UTF_8);
    }
}
