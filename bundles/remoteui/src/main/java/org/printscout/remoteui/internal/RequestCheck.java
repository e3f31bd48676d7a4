package org.printscout.remoteui.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

/**
 * Decides whether a message from the broker may open (or close) a tunnel. The broker is not trusted:
 * a message is an envelope {@code {"payload": BASE64, "signature": BASE64}} whose payload the portal
 * signed with Ed25519; nothing of the payload is read before its signature verifies against the pinned
 * key. Then, in this order: meant for this agent, not expired and not valid for longer than
 * {@link #MAX_VALIDITY}, the nonce never seen, the site's switch on, the device a printer in the
 * inventory, the port one of its web ports, and room for another session. The first failed check is
 * the reason published back; no tunnel is opened on any failure.
 */
final class RequestCheck {

    /** Larger messages are refused unread (the broker is also told the client's maximum packet size). */
    static final int MAX_MESSAGE_BYTES = 16 * 1024;
    /** A request is for now, not for later: the portal signs it with an expiry at most this far ahead. */
    static final Duration MAX_VALIDITY = Duration.ofMinutes(5);

    private static final Pattern SESSION = Pattern.compile("[A-Za-z0-9_-]{8,64}");
    private static final Pattern NONCE = Pattern.compile("[A-Za-z0-9_-]{16,64}");
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.:_-]{1,253}");
    private static final Pattern DEVICE = Pattern.compile("[A-Za-z0-9.:_-]{1,128}");

    /** Where the agent's knowledge of the site comes in: the inventory and the tunnels already open. */
    interface Site {
        boolean enabled();

        /** The address of the printer the request names (by inventory id or current address), if this agent knows it. */
        Optional<String> printerAddress(String device);

        Set<Integer> webPorts();

        int openSessions();

        int maxSessions();

        boolean isOpen(String session);
    }

    /** The verdict: the request and the printer's address, or the reason it was refused. */
    record Decision(String session, TunnelRequest request, String printerAddress, String refusal) {
        boolean accepted() {
            return refusal == null;
        }

        static Decision refused(String session, String reason) {
            return new Decision(session, null, null, reason);
        }
    }

    private final PublicKey requestKey;
    private final String agentId;
    private final NonceStore nonces;
    private final Clock clock;

    RequestCheck(PublicKey requestKey, String agentId, NonceStore nonces, Clock clock) {
        this.requestKey = requestKey;
        this.agentId = agentId;
        this.nonces = nonces;
        this.clock = clock;
    }

    Decision decide(byte[] message, Site site) {
        if (message.length > MAX_MESSAGE_BYTES) {
            return Decision.refused("", "request refused: " + message.length + " bytes, at most " + MAX_MESSAGE_BYTES);
        }
        byte[] payload;
        byte[] signature;
        try {
            JsonObject envelope = JsonParser.parseString(new String(message, StandardCharsets.UTF_8)).getAsJsonObject();
            payload = Base64.getDecoder().decode(envelope.get("payload").getAsString());
            signature = Base64.getDecoder().decode(envelope.get("signature").getAsString());
        } catch (RuntimeException e) {
            return Decision.refused("", "request refused: not a signed request envelope {payload, signature}");
        }
        if (!verifies(payload, signature)) {
            return Decision.refused("", "request refused: its signature does not verify with the portal's pinned request key");
        }
        TunnelRequest request;
        try {
            request = parse(payload);
        } catch (IllegalArgumentException e) {
            return Decision.refused("", "request refused: " + e.getMessage());
        }
        String session = request.session();
        Instant now = clock.instant();
        if (!request.agent().equals(agentId)) {
            return Decision.refused(session, "request refused: it is meant for agent " + request.agent() + ", not this one");
        }
        if (!request.expires().isAfter(now)) {
            return Decision.refused(session, "request refused: it expired at " + request.expires());
        }
        if (request.expires().isAfter(now.plus(MAX_VALIDITY))) {
            return Decision.refused(session, "request refused: it is valid until " + request.expires() + ", more than "
                    + MAX_VALIDITY.toMinutes() + " minutes ahead");
        }
        boolean fresh;
        try {
            fresh = nonces.firstUse(request.nonce(), request.expires(), now);
        } catch (RuntimeException e) {
            return Decision.refused(session, "request refused: " + e.getMessage());
        }
        if (!fresh) {
            return Decision.refused(session, "request refused: its nonce was seen before (a replayed request)");
        }
        if (request.type() == TunnelRequest.Type.CLOSE) {
            return new Decision(session, request, null, null);
        }
        if (!site.enabled()) {
            return Decision.refused(session, "request refused: the remote web UI is not enabled for this site");
        }
        Optional<String> address = site.printerAddress(request.device());
        if (address.isEmpty()) {
            return Decision.refused(session, "request refused: " + request.device() + " is not a printer in this agent's inventory");
        }
        if (!site.webPorts().contains(request.port())) {
            return Decision.refused(session, "request refused: port " + request.port() + " is not one of the printer's web ports "
                    + new java.util.TreeSet<>(site.webPorts()));
        }
        if (site.isOpen(session)) {
            return Decision.refused(session, "request refused: session " + session + " is already open");
        }
        if (site.openSessions() >= site.maxSessions()) {
            return Decision.refused(session, "request refused: " + site.openSessions() + " sessions are open, at most "
                    + site.maxSessions());
        }
        return new Decision(session, request, address.get(), null);
    }

    private boolean verifies(byte[] payload, byte[] signature) {
        try {
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(requestKey);
            verifier.update(payload);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    static TunnelRequest parse(byte[] payload) {
        JsonObject body;
        try {
            JsonElement root = JsonParser.parseString(new String(payload, StandardCharsets.UTF_8));
            body = root.getAsJsonObject();
        } catch (JsonParseException | IllegalStateException e) {
            throw new IllegalArgumentException("its payload is not a JSON object");
        }
        TunnelRequest.Type type;
        try {
            type = TunnelRequest.Type.valueOf(text(body, "type", Pattern.compile("open|close")).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'type' must be open or close");
        }
        String session = text(body, "session", SESSION);
        String agent = text(body, "agent", DEVICE);
        String nonce = text(body, "nonce", NONCE);
        Instant expires = Instant.ofEpochSecond(number(body, "expires", 0, Long.MAX_VALUE / 1000));
        String user = body.has("user") ? text(body, "user", Pattern.compile("[\\p{L}\\p{N}._@ -]{1,64}")) : "";
        if (type == TunnelRequest.Type.CLOSE) {
            return new TunnelRequest(type, session, agent, "", 0, "", 0, null, 0, 0, expires, nonce, user);
        }
        String device = text(body, "device", DEVICE);
        int port = (int) number(body, "port", 1, 65535);
        JsonObject tunnel = body.has("tunnel") && body.get("tunnel").isJsonObject() ? body.getAsJsonObject("tunnel") : null;
        if (tunnel == null) {
            throw new IllegalArgumentException("'tunnel' {host, port[, webSocket]} is missing");
        }
        String host = text(tunnel, "host", HOST);
        int sshPort = (int) number(tunnel, "port", 1, 65535);
        URI webSocket = null;
        if (tunnel.has("webSocket")) {
            try {
                webSocket = new URI(text(tunnel, "webSocket", Pattern.compile("wss?://[^\\s]{1,500}")));
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("'tunnel.webSocket' is not a ws:// or wss:// URI");
            }
        }
        int remotePort = (int) number(body, "remotePort", 1024, 65535);
        int seconds = (int) number(body, "seconds", 1, 86_400);
        return new TunnelRequest(type, session, agent, device, port, host, sshPort, webSocket, remotePort, seconds, expires, nonce, user);
    }

    private static String text(JsonObject body, String member, Pattern pattern) {
        JsonElement value = body.get(member);
        if (value == null || !value.isJsonPrimitive() || !value.getAsJsonPrimitive().isString()) {
            throw new IllegalArgumentException("'" + member + "' is missing or not a string");
        }
        String text = value.getAsString();
        if (!pattern.matcher(text).matches()) {
            throw new IllegalArgumentException("'" + member + "' is not of the form " + pattern.pattern());
        }
        return text;
    }

    private static long number(JsonObject body, String member, long min, long max) {
        JsonElement value = body.get(member);
        if (value == null || !value.isJsonPrimitive() || !value.getAsJsonPrimitive().isNumber()) {
            throw new IllegalArgumentException("'" + member + "' is missing or not a number");
        }
        double number = value.getAsDouble();
        if (number != Math.rint(number) || number < min || number > max) {
            throw new IllegalArgumentException("'" + member + "' must be a whole number from " + min + " to " + max);
        }
        return (long) number;
    }
}
