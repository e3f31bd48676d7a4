package org.printscout.responder.internal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The wire format of docs/discovery-responder.md, version 1. A probe is ASCII:
 * {@code PRINTSCOUT-PROBE/1 NONCE } followed by '.' padding, 512 to 1400 bytes in all; the nonce is 16
 * to 64 characters of {@code [A-Za-z0-9_-]}. The padding makes the probe at least as large as any answer,
 * so an answer is never larger than the probe that asked (no amplification). An answer is
 * {@code PRINTSCOUT-HERE/1 } followed by one line of JSON with the probe's nonce.
 */
final class Probe {

    static final String MAGIC = "PRINTSCOUT-PROBE/1 ";
    static final String ANSWER_MAGIC = "PRINTSCOUT-HERE/1 ";
    static final int MIN_BYTES = 512;
    static final int MAX_BYTES = 1400;
    private static final Pattern NONCE = Pattern.compile("[A-Za-z0-9_-]{16,64}");

    private Probe() {
    }

    /** The nonce of a well-formed probe; empty for anything else (which is never answered). */
    static Optional<String> nonce(byte[] datagram, int length) {
        if (length < MIN_BYTES || length > MAX_BYTES) {
            return Optional.empty();
        }
        byte[] magic = MAGIC.getBytes(StandardCharsets.US_ASCII);
        if (!Arrays.equals(datagram, 0, magic.length, magic, 0, magic.length)) {
            return Optional.empty();
        }
        int end = magic.length;
        while (end < length && datagram[end] != ' ') {
            end++;
        }
        if (end == length) {
            return Optional.empty();
        }
        String nonce = new String(datagram, magic.length, end - magic.length, StandardCharsets.US_ASCII);
        if (!NONCE.matcher(nonce).matches()) {
            return Optional.empty();
        }
        for (int i = end + 1; i < length; i++) {
            if (datagram[i] != '.') {
                return Optional.empty();
            }
        }
        return Optional.of(nonce);
    }

    static byte[] probe(String nonce) {
        if (!NONCE.matcher(nonce).matches()) {
            throw new IllegalArgumentException("nonce '" + nonce + "' is not 16 to 64 characters of A-Z a-z 0-9 _ -");
        }
        byte[] out = new byte[MIN_BYTES];
        Arrays.fill(out, (byte) '.');
        byte[] head = (MAGIC + nonce + " ").getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(head, 0, out, 0, head.length);
        return out;
    }

    /** The answer: the magic and a flat JSON object of strings, numbers and booleans, in the given order. */
    static byte[] answer(Map<String, Object> fields) {
        StringBuilder json = new StringBuilder(ANSWER_MAGIC).append('{');
        for (Map.Entry<String, Object> e : fields.entrySet()) {
            if (json.charAt(json.length() - 1) != '{') {
                json.append(',');
            }
            json.append('"').append(e.getKey()).append("\":");
            Object v = e.getValue();
            if (v instanceof Number || v instanceof Boolean) {
                json.append(v);
            } else {
                json.append('"').append(jsonEscape(String.valueOf(v))).append('"');
            }
        }
        return json.append("}\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String jsonEscape(String s) {
        StringBuilder out = new StringBuilder();
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
