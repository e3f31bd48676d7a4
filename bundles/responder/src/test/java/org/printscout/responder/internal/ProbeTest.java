package org.printscout.responder.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class ProbeTest {

    private static final String NONCE = "0123456789abcdef";

    @Test
    void aProbeIsPaddedToTheSmallestSizeAndReadBack() {
        byte[] probe = Probe.probe(NONCE);
        assertEquals(Probe.MIN_BYTES, probe.length);
        assertEquals(Optional.of(NONCE), Probe.nonce(probe, probe.length));
    }

    @Test
    void anythingButAWellFormedProbeIsIgnored() {
        byte[] good = Probe.probe(NONCE);
        assertEquals(Optional.empty(), Probe.nonce(good, Probe.MIN_BYTES - 1), "too short: an answer could be larger");
        byte[] big = Arrays.copyOf(good, Probe.MAX_BYTES + 1);
        Arrays.fill(big, Probe.MIN_BYTES, big.length, (byte) '.');
        assertEquals(Optional.empty(), Probe.nonce(big, big.length), "too long");
        byte[] wrongMagic = good.clone();
        wrongMagic[0] = 'p';
        assertEquals(Optional.empty(), Probe.nonce(wrongMagic, wrongMagic.length));
        byte[] badPadding = good.clone();
        badPadding[200] = 'x';
        assertEquals(Optional.empty(), Probe.nonce(badPadding, badPadding.length));
        byte[] shortNonce = good.clone();
        byte[] text = (Probe.MAGIC + "abc ").getBytes(StandardCharsets.US_ASCII);
        Arrays.fill(shortNonce, (byte) '.');
        System.arraycopy(text, 0, shortNonce, 0, text.length);
        assertEquals(Optional.empty(), Probe.nonce(shortNonce, shortNonce.length), "a nonce of 3 characters");
        byte[] noSpace = new byte[Probe.MIN_BYTES];
        Arrays.fill(noSpace, (byte) 'a');
        System.arraycopy(Probe.MAGIC.getBytes(StandardCharsets.US_ASCII), 0, noSpace, 0, Probe.MAGIC.length());
        assertEquals(Optional.empty(), Probe.nonce(noSpace, noSpace.length));
        assertThrows(IllegalArgumentException.class, () -> Probe.probe("bad nonce"));
    }

    @Test
    void theLargestAnswerFitsInTheSmallestProbe() {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("nonce", "n".repeat(64));
        f.put("name", "h".repeat(64));
        f.put("agentId", "a".repeat(64));
        f.put("version", "10.20.30.SNAPSHOT");
        f.put("activated", true);
        f.put("address", "fe80:0:0:0:1234:5678:9abc:def0%eth0");
        f.put("webPort", 23998);
        byte[] answer = Probe.answer(f);
        assertTrue(answer.length <= Probe.MIN_BYTES, answer.length + " bytes");
        assertTrue(new String(answer, StandardCharsets.UTF_8).startsWith("PRINTSCOUT-HERE/1 {\"nonce\":\""));
        Map<String, Object> hostile = new LinkedHashMap<>();
        hostile.put("name", "a\"b\\c\u00e9");
        assertEquals("PRINTSCOUT-HERE/1 {\"name\":\"a\\\"b\\\\c\\u00e9\"}\n", new String(Probe.answer(hostile), StandardCharsets.UTF_8));
    }

    @Test
    void theBudgetBoundsAllSendersAndEachSender() {
        AtomicLong now = new AtomicLong();
        AnswerBudget budget = new AnswerBudget(4, 2, now::get);
        assertTrue(budget.allow("a"));
        assertTrue(budget.allow("a"));
        assertTrue(!budget.allow("a"), "a's burst of 2 is spent");
        assertTrue(budget.allow("b"));
        assertTrue(budget.allow("b"));
        assertTrue(!budget.allow("c"), "the global burst of 4 is spent");
        now.addAndGet(1_000_000_000L);
        assertTrue(budget.allow("c"), "tokens come back with time");
    }
}
