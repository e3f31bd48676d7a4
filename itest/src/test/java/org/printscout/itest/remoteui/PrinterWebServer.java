package org.printscout.itest.remoteui;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A printer's own web interface, as far as a relay must get it right: "/" redirects to the status
 * page, which sets a cookie and carries an absolute link to the printer's own address; "/download"
 * streams a large file (for the throughput benchmark).
 */
final class PrinterWebServer implements AutoCloseable {

    static final String TITLE = "Printer status - PrintScout test printer";

    final String address;
    final int port;
    final AtomicInteger requests = new AtomicInteger();
    private final HttpServer server;

    PrinterWebServer(String address, int port) throws IOException {
        this.address = address;
        this.port = port;
        server = HttpServer.create(new InetSocketAddress(address, port), 50);
        server.createContext("/", this::handle);
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(8));
        server.start();
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        String path = exchange.getRequestURI().getPath();
        if (path.equals("/")) {
            exchange.getResponseHeaders().add("Location", "/status.html");
            exchange.sendResponseHeaders(302, -1);
        } else if (path.equals("/status.html")) {
            exchange.getResponseHeaders().add("Set-Cookie", "printer_session=p-12345; Path=/; HttpOnly");
            exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            String cookie = String.valueOf(exchange.getRequestHeaders().getFirst("Cookie"));
            byte[] page = ("<!doctype html><html><head><title>" + TITLE + "</title></head><body style=\"background:#2a7\">"
                    + "<h1>Toner 42 %</h1><p id=\"cookie\">cookie: " + cookie.replace("<", "&lt;") + "</p>"
                    + "<a id=\"absolute\" href=\"http://" + address + ":" + port + "/counters.html\">counters</a></body></html>")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, page.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(page);
            }
        } else if (path.equals("/download")) {
            long size = Long.parseLong(String.valueOf(exchange.getRequestURI().getQuery()).replaceAll("[^0-9]", "0"));
            exchange.getResponseHeaders().add("Content-Type", "application/octet-stream");
            exchange.sendResponseHeaders(200, size);
            byte[] block = new byte[64 * 1024];
            try (OutputStream out = exchange.getResponseBody()) {
                for (long left = size; left > 0; left -= block.length) {
                    out.write(block, 0, (int) Math.min(block.length, left));
                }
            }
        } else {
            exchange.sendResponseHeaders(404, -1);
        }
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
