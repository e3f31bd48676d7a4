package org.printscout.portal.server.internal;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** Small HTTP helpers shared by the agent API and the page. */
final class Http {

    private Http() {
    }

    /** User name and password of an HTTP Basic Authorization header. */
    record Basic(String user, String password) {
    }

    static Optional<Basic> basic(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        try {
            String pair = new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
            int colon = pair.indexOf(':');
            return colon < 0 ? Optional.empty() : Optional.of(new Basic(pair.substring(0, colon), pair.substring(colon + 1)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The fields of an application/x-www-form-urlencoded body. */
    static Map<String, String> form(byte[] body) {
        Map<String, String> form = new HashMap<>();
        for (String pair : new String(body, StandardCharsets.US_ASCII).split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                try {
                    form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                } catch (IllegalArgumentException e) {
                    // a malformed %-escape: the field is left out, and the form is refused for what it lacks
                }
            }
        }
        return form;
    }

    static void text(HttpServletResponse response, int status, String text) throws IOException {
        send(response, status, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
    }

    static void json(HttpServletResponse response, int status, String json) throws IOException {
        send(response, status, "application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    static void send(HttpServletResponse response, int status, String type, byte[] bytes) throws IOException {
        response.setStatus(status);
        if (bytes.length > 0) {
            response.setContentType(type);
            response.setContentLength(bytes.length);
            response.getOutputStream().write(bytes);
        } else {
            response.setContentLength(0);
        }
    }

    /** The client's address as the socket sees it (the portal is not meant to sit behind a proxy that hides it; see docs/portal.md). */
    static String clientAddress(HttpServletRequest request) {
        return request.getRemoteAddr();
    }
}
