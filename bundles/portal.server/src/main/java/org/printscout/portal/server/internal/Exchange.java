package org.printscout.portal.server.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.sql.SQLException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.osgi.service.log.Logger;

/**
 * One request, handled asynchronously so that no container thread waits on a client: a body is read
 * as it arrives (a client trickling bytes holds a connection, not a thread), and a password is hashed
 * on the sign-in pool while the request waits without a thread. Each step runs under the same
 * containment: whatever it throws, {@link Error}s included, is logged and answered (503 for an Error
 * or a storage failure, 500 otherwise), never a dropped connection. A request not done within its
 * time limit (a body that does not arrive) is answered 408.
 */
final class Exchange {

    /** A step of the request; it answers, or hands the exchange on ({@link #body}, {@link #await}). */
    @FunctionalInterface
    interface Step {
        void run() throws Exception;
    }

    @FunctionalInterface
    interface BodyStep {
        /** The body, or null when it was longer than the limit (answer 413). */
        void accept(byte[] body) throws Exception;
    }

    @FunctionalInterface
    interface ResultStep<T> {
        void accept(T result) throws Exception;
    }

    /** Beyond this an oversized body is not read to its end: the connection is closed instead. */
    static final long DRAIN_LIMIT = 64L * 1024 * 1024;
    /** Time for a request without a body, and the base for one with a body. */
    static final long BASE_MILLIS = 30_000;
    /** Slowest body accepted on average: below this rate the time limit ends the request (bytes per second). */
    static final long MIN_BYTES_PER_SECOND = 16 * 1024;

    final HttpServletRequest request;
    final HttpServletResponse response;
    private final AsyncContext async;
    private final Logger log;
    private final AtomicBoolean finished = new AtomicBoolean();
    /** Set by a step that handed the exchange on; per thread, as steps of one exchange may run in several. */
    private static final ThreadLocal<Boolean> HANDED_ON = ThreadLocal.withInitial(() -> false);

    private Exchange(HttpServletRequest request, HttpServletResponse response, Logger log) {
        this.request = request;
        this.response = response;
        this.log = log;
        this.async = request.startAsync(request, response);
        long length = Math.max(0, request.getContentLengthLong());
        async.setTimeout(BASE_MILLIS + Math.min(length, DRAIN_LIMIT) * 1000 / MIN_BYTES_PER_SECOND);
        async.addListener(new AsyncListener() {
            @Override
            public void onTimeout(AsyncEvent event) {
                if (!finished.get()) {
                    answerQuietly(408, "the request was not received in time");
                    finish();
                }
            }

            @Override
            public void onError(AsyncEvent event) {
                finish();
            }

            @Override
            public void onComplete(AsyncEvent event) {
                finished.set(true);
            }

            @Override
            public void onStartAsync(AsyncEvent event) {
            }
        });
    }

    /** The first step of a request, given its exchange. */
    @FunctionalInterface
    interface FirstStep {
        void run(Exchange exchange) throws Exception;
    }

    /** Starts the exchange and runs its first step. */
    static void start(HttpServletRequest request, HttpServletResponse response, Logger log, FirstStep first) {
        Exchange exchange = new Exchange(request, response, log);
        exchange.run(() -> first.run(exchange));
    }

    /** Runs a step; unless it handed the exchange on, the exchange is complete afterwards. */
    void run(Step step) {
        if (finished.get()) {
            return;
        }
        boolean outer = HANDED_ON.get();
        HANDED_ON.set(false);
        boolean handed;
        try {
            step.run();
            handed = HANDED_ON.get();
        } catch (Throwable t) {
            handed = false;
            fail(t);
        } finally {
            HANDED_ON.set(outer);
        }
        if (!handed) {
            finish();
        }
    }

    /**
     * Reads the body as it arrives, keeping at most {@code limit} bytes, then runs {@code then} in a
     * container thread. A longer body is still read to its end (up to {@link #DRAIN_LIMIT}) and
     * discarded, so the client gets the 413 and its reason instead of a reset connection.
     */
    void body(int limit, BodyStep then) throws Exception {
        if (request.getContentLengthLong() > DRAIN_LIMIT) {
            response.setHeader("Connection", "close");
            then.accept(null);
            return;
        }
        HANDED_ON.set(true);
        ServletInputStream in = request.getInputStream();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream((int) Math.min(Math.max(request.getContentLengthLong(), 256), limit + 1L));
        in.setReadListener(new ReadListener() {
            private final byte[] chunk = new byte[16 * 1024];
            private long total;

            @Override
            public void onDataAvailable() throws IOException {
                while (in.isReady()) {
                    int n = in.read(chunk);
                    if (n < 0) {
                        return;
                    }
                    total += n;
                    if (total <= limit) {
                        bytes.write(chunk, 0, n);
                    } else if (total > DRAIN_LIMIT) {
                        run(() -> {
                            then.accept(null);
                            response.setHeader("Connection", "close");
                        });
                        return;
                    }
                }
            }

            @Override
            public void onAllDataRead() {
                run(() -> then.accept(total <= limit ? bytes.toByteArray() : null));
            }

            @Override
            public void onError(Throwable t) {
                if (!finished.get()) {
                    answerQuietly(400, "the request body could not be read");
                    finish();
                }
            }
        });
    }

    /** Waits, without a thread, for work done elsewhere (the sign-in pool), then runs {@code then} in a container thread. */
    <T> void await(CompletionStage<T> work, ResultStep<T> then) {
        HANDED_ON.set(true);
        work.whenComplete((result, failure) -> async.start(() -> run(() -> {
            if (failure != null) {
                throw failure instanceof Exception ? (Exception) failure : new RuntimeException(failure);
            }
            then.accept(result);
        })));
    }

    void text(int status, String text) throws IOException {
        Http.text(response, status, text);
    }

    void json(int status, String json) throws IOException {
        Http.json(response, status, json);
    }

    private void fail(Throwable t) {
        Throwable cause = t.getCause() != null && t instanceof RuntimeException && t.getClass() == RuntimeException.class ? t.getCause() : t;
        try {
            log.error("portal: " + request.getMethod() + " " + request.getRequestURI() + " failed: " + cause, cause);
        } catch (Throwable ignored) {
            // logging itself failed (out of memory): the answer below still goes out if it can
        }
        if (cause instanceof Error || cause instanceof SQLException) {
            answerQuietly(503, cause instanceof SQLException ? "storage unavailable; try again later"
                    : "the portal is short of resources; try again later");
        } else {
            answerQuietly(500, "internal error");
        }
        finish();
    }

    private void answerQuietly(int status, String text) {
        try {
            if (!response.isCommitted()) {
                response.resetBuffer();
                if (status == 503) {
                    response.setHeader("Retry-After", "30");
                }
                Http.text(response, status, text);
            }
        } catch (Throwable ignored) {
            // the client went away, or the response cannot be written: the exchange is completed below
        }
    }

    private void finish() {
        if (finished.compareAndSet(false, true)) {
            try {
                async.complete();
            } catch (IllegalStateException alreadyCompleted) {
                // the container completed it (timeout, client gone)
            }
        }
    }
}
