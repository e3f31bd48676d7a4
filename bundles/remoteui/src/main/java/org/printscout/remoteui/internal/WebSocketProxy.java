package org.printscout.remoteui.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.net.ssl.SSLContext;

import com.jcraft.jsch.Proxy;
import com.jcraft.jsch.SocketFactory;

/**
 * Carries SSH over a WebSocket (binary frames, e.g. Debian's websockify in front of sshd, behind
 * 443), with the JDK's WebSocket client. SSH itself still authenticates the server by its pinned host
 * key and encrypts; TLS on {@code wss://} only gets the bytes through the site's firewall. Incoming
 * frames are asked for one at a time and only after the previous one was read, so a fast server
 * cannot fill the agent's memory.
 */
final class WebSocketProxy implements Proxy {

    private static final ByteBuffer END = ByteBuffer.allocate(0);

    private final URI uri;
    private final SSLContext tls;
    private final LinkedBlockingQueue<ByteBuffer> frames = new LinkedBlockingQueue<>();
    private volatile WebSocket socket;
    private volatile boolean closed;

    WebSocketProxy(URI uri, SSLContext tls) {
        this.uri = uri;
        this.tls = tls;
    }

    @Override
    public void connect(SocketFactory factory, String host, int port, int timeoutMillis) throws Exception {
        HttpClient.Builder client = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(timeoutMillis > 0 ? timeoutMillis : 15_000));
        if (tls != null) {
            client.sslContext(tls);
        }
        CompletableFuture<WebSocket> opening = client.build().newWebSocketBuilder()
                .subprotocols("binary")
                .connectTimeout(Duration.ofMillis(timeoutMillis > 0 ? timeoutMillis : 15_000))
                .buildAsync(uri, new Listener());
        try {
            socket = opening.get(timeoutMillis > 0 ? timeoutMillis : 15_000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IOException("cannot open the WebSocket to " + uri + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            opening.cancel(true);
            throw new IOException("the WebSocket to " + uri + " did not open within " + timeoutMillis + " ms");
        }
    }

    private final class Listener implements WebSocket.Listener {
        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            ByteBuffer copy = ByteBuffer.allocate(data.remaining());
            copy.put(data).flip();
            frames.add(copy);
            return null;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            frames.add(END);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            frames.add(END);
        }
    }

    @Override
    public InputStream getInputStream() {
        return new InputStream() {
            private ByteBuffer current = ByteBuffer.allocate(0);

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                if (length == 0) {
                    return 0;
                }
                while (!current.hasRemaining()) {
                    if (current == END) {
                        return -1;
                    }
                    try {
                        current = frames.take();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new InterruptedIOException("interrupted while reading the WebSocket");
                    }
                    if (current == END) {
                        return -1;
                    }
                    // The next frame is asked for once this one is being read: at most one frame waits unread.
                    socket.request(1);
                }
                int count = Math.min(length, current.remaining());
                current.get(buffer, offset, count);
                return count;
            }
        };
    }

    @Override
    public OutputStream getOutputStream() {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] buffer, int offset, int length) throws IOException {
                if (closed) {
                    throw new IOException("the WebSocket to " + uri + " is closed");
                }
                try {
                    socket.sendBinary(ByteBuffer.wrap(java.util.Arrays.copyOfRange(buffer, offset, offset + length)), true).get(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while writing the WebSocket");
                } catch (ExecutionException | TimeoutException e) {
                    throw new IOException("cannot write the WebSocket to " + uri + ": " + e.getMessage(), e);
                }
            }
        };
    }

    @Override
    public Socket getSocket() {
        return null;
    }

    @Override
    public void close() {
        closed = true;
        WebSocket open = socket;
        if (open != null) {
            open.sendClose(WebSocket.NORMAL_CLOSURE, "").orTimeout(2, TimeUnit.SECONDS).exceptionally(e -> null);
            open.abort();
        }
        frames.add(END);
    }
}
