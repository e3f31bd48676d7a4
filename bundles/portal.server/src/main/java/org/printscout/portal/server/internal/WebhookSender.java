package org.printscout.portal.server.internal;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Alert webhooks: a JSON POST signed with HMAC-SHA-256 under the recipient's secret. The receiver
 * checks {@value #SIGNATURE} = {@code sha256=<hex of HMAC(secret, timestamp + "." + body)>} with the
 * {@value #TIMESTAMP} header (Unix seconds), so a recorded request cannot be replayed later with a
 * new time. A URL whose host is or resolves to a loopback, link-local, private (RFC 1918, RFC 4193,
 * CGNAT), unspecified or multicast address is refused unless the operator allows private targets
 * ({@code allowPrivateWebhooks}): a portal must not become a way to reach its own network. The check
 * is made when a webhook is added and again before every send (a name may resolve elsewhere later).
 */
final class WebhookSender {

    static final String SIGNATURE = "X-PrintScout-Signature";
    static final String TIMESTAMP = "X-PrintScout-Timestamp";

    private final HttpClient http;
    private final boolean allowPrivate;
    private final Duration timeout;

    WebhookSender(boolean allowPrivate, Duration timeout) {
        this.allowPrivate = allowPrivate;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** Why the URL is refused, or empty when it may be used. */
    Optional<String> refusal(String url) {
        URI uri;
        try {
            uri = URI.create(url.strip());
        } catch (IllegalArgumentException e) {
            return Optional.of("not a URL: " + e.getMessage());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            return Optional.of("a webhook URL is http:// or https://");
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null) {
            return Optional.of("a webhook URL names a host and no user");
        }
        if (allowPrivate) {
            return Optional.empty();
        }
        try {
            for (InetAddress address : InetAddress.getAllByName(uri.getHost())) {
                if (internal(address)) {
                    return Optional.of(uri.getHost() + " is " + address.getHostAddress() + ", a loopback, link-local or private address; "
                            + "the operator must allow private webhook targets (allowPrivateWebhooks) for that");
                }
            }
        } catch (UnknownHostException e) {
            return Optional.of("unknown host " + uri.getHost());
        }
        return Optional.empty();
    }

    /** Loopback, link-local, RFC 1918, CGNAT 100.64/10, IPv6 unique-local fc00::/7, unspecified, multicast. */
    static boolean internal(InetAddress address) {
        if (address.isLoopbackAddress() || address.isLinkLocalAddress() || address.isSiteLocalAddress() || address.isAnyLocalAddress()
                || address.isMulticastAddress()) {
            return true;
        }
        byte[] bytes = address.getAddress();
        if (address instanceof Inet6Address) {
            if ((bytes[0] & 0xfe) == 0xfc) {
                return true;
            }
            // an IPv4-mapped address is judged as its IPv4 address
            boolean mapped = true;
            for (int i = 0; i < 10; i++) {
                mapped &= bytes[i] == 0;
            }
            if (mapped && (bytes[10] & 0xff) == 0xff && (bytes[11] & 0xff) == 0xff) {
                try {
                    return internal(InetAddress.getByAddress(java.util.Arrays.copyOfRange(bytes, 12, 16)));
                } catch (UnknownHostException e) {
                    return true;
                }
            }
            return false;
        }
        return (bytes[0] & 0xff) == 100 && (bytes[1] & 0xc0) == 64 || (bytes[0] & 0xff) == 0;
    }

    /** The signature header's value for a body sent at {@code timestamp}. */
    static String signature(String secret, long timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    /** Posts the body; returns the outcome for the delivery log, or throws when it was not accepted (2xx). */
    String send(String url, String secret, String body, long timestamp) throws IOException, InterruptedException {
        Optional<String> refused = refusal(url);
        if (refused.isPresent()) {
            throw new IOException("refused: " + refused.get());
        }
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url.strip())).timeout(timeout)
                .header("Content-Type", "application/json").header("User-Agent", "PrintScout-portal")
                .header(TIMESTAMP, Long.toString(timestamp)).header(SIGNATURE, signature(secret, timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IOException("answered " + response.statusCode());
        }
        return "answered " + response.statusCode();
    }
}
