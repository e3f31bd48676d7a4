package org.printscout.portal.server.internal;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;

import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/**
 * One WebSocket of a printer's page, passed through the relay: the browser's side is a Jetty
 * WebSocket session (Jetty's WebSocket server on the relay's Felix HTTP instance), the printer's side
 * a JDK WebSocket client to the session's port on the tunnel server. Messages go across whole and in
 * order; each side is asked for its next message only once the previous one was handed to the other
 * side, so a fast sender cannot fill the relay's memory. A close or an error on one side closes the other.
 * Public because Jetty calls its listener methods through method handles.
 */
public final class RelayWebSocket implements Session.Listener {

    /** The largest message passed through (the browser's side has the same limit, set on Jetty's factory). */
    static final int MAX_MESSAGE = 4 * 1024 * 1024;

    private final WebSocket printer;
    private final Upstream upstream;
    private volatile Session browser;

    private RelayWebSocket(WebSocket printer, Upstream upstream) {
        this.printer = printer;
        this.upstream = upstream;
        upstream.bridge = this;
    }

    /** Connects to the printer's WebSocket first, so the browser is answered with the subprotocol the printer chose. */
    static RelayWebSocket connect(URI target, SSLContext tls, List<String> subprotocols, String cookie, Duration timeout) throws Exception {
        Upstream upstream = new Upstream();
        HttpClient.Builder client = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).connectTimeout(timeout);
        if (tls != null) {
            client.sslContext(tls);
        }
        WebSocket.Builder builder = client.build().newWebSocketBuilder().connectTimeout(timeout);
        if (!subprotocols.isEmpty()) {
            builder.subprotocols(subprotocols.get(0), subprotocols.subList(1, subprotocols.size()).toArray(new String[0]));
        }
        if (cookie != null && !cookie.isEmpty()) {
            builder.header("Cookie", cookie);
        }
        WebSocket printer = builder.buildAsync(target, upstream).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        return new RelayWebSocket(printer, upstream);
    }

    String subprotocol() {
        return printer.getSubprotocol();
    }

    @Override
    public void onWebSocketOpen(Session session) {
        browser = session;
        printer.request(1);
        session.demand();
    }

    @Override
    public void onWebSocketText(String message) {
        printer.sendText(message, true).whenComplete((ws, error) -> next(error));
    }

    @Override
    public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
        ByteBuffer copy = ByteBuffer.allocate(payload.remaining()).put(payload).flip();
        callback.succeed();
        printer.sendBinary(copy, true).whenComplete((ws, error) -> next(error));
    }

    private void next(Throwable error) {
        if (error != null) {
            browser.close(1011, "the printer's side failed", Callback.NOOP);
            printer.abort();
        } else {
            browser.demand();
        }
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason) {
        int code = statusCode >= 1000 && statusCode < 5000 && statusCode != 1005 && statusCode != 1006 ? statusCode : 1000;
        printer.sendClose(code, reason == null ? "" : reason).orTimeout(2, TimeUnit.SECONDS).whenComplete((ws, error) -> printer.abort());
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        printer.abort();
    }

    /** The printer's side: messages to the browser, one at a time. */
    private static final class Upstream implements WebSocket.Listener {
        private volatile RelayWebSocket bridge;
        private final StringBuilder text = new StringBuilder();
        private ByteBuffer binary;

        /** Nothing is asked for before the browser's side is open (see onWebSocketOpen). */
        @Override
        public void onOpen(WebSocket webSocket) {
            // the first request(1) comes from onWebSocketOpen
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            if (text.length() + data.length() > MAX_MESSAGE) {
                webSocket.abort();
                bridge.browser.close(1009, "a message from the printer over " + MAX_MESSAGE + " characters", Callback.NOOP);
                return null;
            }
            text.append(data);
            if (!last) {
                webSocket.request(1);
                return null;
            }
            String message = text.toString();
            text.setLength(0);
            bridge.browser.sendText(message, Callback.from(() -> webSocket.request(1), error -> webSocket.abort()));
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            ByteBuffer part = ByteBuffer.allocate(data.remaining()).put(data).flip();
            if (binary != null && binary.remaining() + part.remaining() > MAX_MESSAGE) {
                webSocket.abort();
                bridge.browser.close(1009, "a message from the printer over " + MAX_MESSAGE + " bytes", Callback.NOOP);
                return null;
            }
            binary = binary == null ? part : ByteBuffer.allocate(binary.remaining() + part.remaining()).put(binary).put(part).flip();
            if (!last) {
                webSocket.request(1);
                return null;
            }
            ByteBuffer message = binary;
            binary = null;
            bridge.browser.sendBinary(message, Callback.from(() -> webSocket.request(1), error -> webSocket.abort()));
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            Session browser = bridge == null ? null : bridge.browser;
            if (browser != null) {
                browser.close(statusCode, reason, Callback.NOOP);
            }
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            Session browser = bridge == null ? null : bridge.browser;
            if (browser != null) {
                browser.close(1011, "the printer's side failed", Callback.NOOP);
            }
        }
    }
}
