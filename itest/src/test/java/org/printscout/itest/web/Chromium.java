package org.printscout.itest.web;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * Debian's headless Chromium, run as a program: a screenshot ({@code --screenshot}), the DOM after
 * loading ({@code --dump-dom}), or a DevTools session for what needs a click (a form post). Every run
 * has a fresh profile, a hard timeout (the process tree is killed) and reaches loopback only: every
 * host but localhost and 127.0.0.1 resolves to nothing (IP literals included), any other address goes to a proxy on a closed
 * loopback port, and the background services that phone home (component updates, sync, safe
 * browsing, metrics, translation) are off. A failure carries the tail of Chromium's stderr.
 */
public final class Chromium {

    /** Where Debian's {@code chromium} package puts its launcher; the system property chromium.binary overrides it. */
    public static final Path DEFAULT_BINARY = Path.of("/usr/bin/chromium");

    private final Path binary;

    private Chromium(Path binary) {
        this.binary = binary;
    }

    /** The installed Chromium; an AssertionError (a failed test, never a skipped one) when there is none. */
    public static Chromium find() {
        Path binary = Path.of(System.getProperty("chromium.binary", DEFAULT_BINARY.toString()));
        if (!Files.isExecutable(binary)) {
            throw new AssertionError("headless Chromium is not installed (no executable " + binary
                    + "): run .ci/install-peers, which installs Debian's chromium package");
        }
        return new Chromium(binary);
    }

    public Path binary() {
        return binary;
    }

    /** Loads {@code url} in a {@code width}×{@code height} window and writes a PNG of the viewport to {@code png}. */
    public void screenshot(String url, Path png, int width, int height, Duration timeout) throws IOException, InterruptedException {
        Files.createDirectories(png.toAbsolutePath().getParent());
        Files.deleteIfExists(png);
        run(timeout, "--screenshot=" + png.toAbsolutePath(), "--window-size=" + width + "," + height, url);
        if (!Files.isRegularFile(png) || Files.size(png) == 0) {
            throw new AssertionError("chromium wrote no screenshot to " + png);
        }
    }

    /** Loads {@code url} and returns the DOM as Chromium serialises it after the load event. */
    public String dumpDom(String url, Duration timeout) throws IOException, InterruptedException {
        return run(timeout, "--dump-dom", url);
    }

    /** Starts Chromium with a DevTools endpoint on loopback and attaches to its page. */
    public DevTools devTools(Duration timeout) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("chromium-profile");
        Path out = profile.resolveSibling(profile.getFileName() + ".out");
        Path err = profile.resolveSibling(profile.getFileName() + ".err");
        Process process = start(profile, out, err, List.of("--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0", "about:blank"));
        DevTools devTools = new DevTools(process, profile, out, err, timeout);
        try {
            devTools.attach();
            return devTools;
        } catch (IOException | InterruptedException | RuntimeException | Error e) {
            devTools.close();
            throw e;
        }
    }

    private String run(Duration timeout, String... args) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("chromium-profile");
        Path out = profile.resolveSibling(profile.getFileName() + ".out");
        Path err = profile.resolveSibling(profile.getFileName() + ".err");
        try {
            Process process = start(profile, out, err, List.of(args));
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                kill(process);
                throw new AssertionError("chromium " + String.join(" ", args) + " did not finish in " + timeout.toSeconds()
                        + " s and was killed; stderr ends:\n" + tail(err));
            }
            if (process.exitValue() != 0) {
                throw new AssertionError("chromium " + String.join(" ", args) + " exited with " + process.exitValue()
                        + "; stderr ends:\n" + tail(err));
            }
            return Files.readString(out, StandardCharsets.UTF_8);
        } finally {
            delete(profile);
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private Process start(Path profile, Path out, Path err, List<String> args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(binary.toString());
        command.addAll(List.of(
                "--headless",
                "--no-sandbox",                       // CI runs as root, where Chromium's sandbox refuses to start
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--no-first-run",
                "--no-default-browser-check",
                "--user-data-dir=" + profile,
                "--hide-scrollbars",
                "--force-device-scale-factor=1",      // one CSS pixel = one screenshot pixel, for measuring
                "--lang=en-US",
                // loopback only: no name but localhost resolves, and anything not on loopback goes to a dead proxy;
                // 127.0.0.2 is the remote web UI's relay, an origin of its own (RemoteUiEndToEndTest)
                "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1, EXCLUDE 127.0.0.2",
                "--proxy-server=http://127.0.0.1:9",
                // and nothing phones home
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-default-apps",
                "--disable-extensions",
                "--disable-domain-reliability",
                "--disable-client-side-phishing-detection",
                "--disable-breakpad",
                "--safebrowsing-disable-auto-update",
                "--metrics-recording-only",
                "--no-pings",
                "--disable-features=Translate,OptimizationHints,MediaRouter,AutofillServerCommunication,"
                        + "CertificateTransparencyComponentUpdater,InterestFeedContentSuggestions"));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().put("HOME", profile.toString());
        return builder.start();
    }

    private static void kill(Process process) throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /** The last lines of Chromium's stderr, without the D-Bus complaints it makes on every machine without a session bus. */
    static String tail(Path err) {
        try {
            List<String> lines = Files.readAllLines(err, StandardCharsets.UTF_8).stream()
                    .filter(line -> !line.contains("dbus/") && !line.contains("unexpected operator"))
                    .collect(Collectors.toList());
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(stderr unreadable: " + e + ")";
        }
    }

    private static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | RuntimeException e) {
            // a profile left behind in the temp directory is harmless
        }
    }

    /**
     * A running headless Chromium driven over the DevTools protocol (JSON over a WebSocket on
     * loopback): navigate, evaluate JavaScript in the page (DevTools is not bound by the page's
     * Content-Security-Policy). Closing it kills the browser and deletes its profile.
     */
    public static final class DevTools implements AutoCloseable {
        private final Process process;
        private final Path profile;
        private final Path out;
        private final Path err;
        private final Duration timeout;
        private final AtomicInteger ids = new AtomicInteger();
        private final Map<Integer, CompletableFuture<JsonObject>> pending = new ConcurrentHashMap<>();
        private WebSocket socket;

        private DevTools(Process process, Path profile, Path out, Path err, Duration timeout) {
            this.process = process;
            this.profile = profile;
            this.out = out;
            this.err = err;
            this.timeout = timeout;
        }

        private void attach() throws IOException, InterruptedException {
            Path portFile = profile.resolve("DevToolsActivePort");
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!(Files.isRegularFile(portFile) && Files.readAllLines(portFile).size() >= 2)) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    throw new AssertionError("chromium's DevTools endpoint did not come up" + (process.isAlive() ? "" : " (chromium exited)")
                            + "; stderr ends:\n" + tail(err));
                }
                Thread.sleep(50);
            }
            int port = Integer.parseInt(Files.readAllLines(portFile).get(0).strip());
            HttpClient http = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).connectTimeout(timeout).build();
            String pageSocket = null;
            while (pageSocket == null) {
                HttpResponse<String> list = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list"))
                        .timeout(timeout).build(), HttpResponse.BodyHandlers.ofString());
                for (JsonElement target : JsonParser.parseString(list.body()).getAsJsonArray()) {
                    JsonObject t = target.getAsJsonObject();
                    if ("page".equals(t.get("type").getAsString()) && t.has("webSocketDebuggerUrl")) {
                        pageSocket = t.get("webSocketDebuggerUrl").getAsString();
                    }
                }
                if (pageSocket == null) {
                    if (System.nanoTime() > deadline) {
                        throw new AssertionError("chromium shows no page target: " + list.body());
                    }
                    Thread.sleep(50);
                }
            }
            socket = http.newWebSocketBuilder().connectTimeout(timeout).buildAsync(URI.create(pageSocket), new WebSocket.Listener() {
                private final StringBuilder message = new StringBuilder();

                @Override
                public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                    message.append(data);
                    if (last) {
                        JsonObject json = JsonParser.parseString(message.toString()).getAsJsonObject();
                        message.setLength(0);
                        if (json.has("id")) {
                            CompletableFuture<JsonObject> answer = pending.remove(json.get("id").getAsInt());
                            if (answer != null) {
                                answer.complete(json);
                            }
                        }
                    }
                    webSocket.request(1);
                    return null;
                }
            }).join();
        }

        /** Sends one DevTools command and returns its result; an AssertionError for a protocol error or a timeout. */
        public JsonObject call(String method, JsonObject params) throws InterruptedException {
            int id = ids.incrementAndGet();
            JsonObject request = new JsonObject();
            request.addProperty("id", id);
            request.addProperty("method", method);
            request.add("params", params == null ? new JsonObject() : params);
            CompletableFuture<JsonObject> answer = new CompletableFuture<>();
            pending.put(id, answer);
            socket.sendText(request.toString(), true).join();
            JsonObject response;
            try {
                response = answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                throw new AssertionError("DevTools " + method + " got no answer in " + timeout.toSeconds() + " s; stderr ends:\n" + tail(err));
            }
            if (response.has("error")) {
                throw new AssertionError("DevTools " + method + " failed: " + response.get("error"));
            }
            return response.getAsJsonObject("result");
        }

        public void navigate(String url) throws InterruptedException {
            JsonObject params = new JsonObject();
            params.addProperty("url", url);
            JsonObject result = call("Page.navigate", params);
            if (result.has("errorText")) {
                throw new AssertionError("chromium could not load " + url + ": " + result.get("errorText").getAsString());
            }
        }

        /** Evaluates a JavaScript expression in the page and returns its value as a string (JSON for objects). */
        public String evaluate(String expression) throws InterruptedException {
            JsonObject params = new JsonObject();
            params.addProperty("expression", expression);
            params.addProperty("returnByValue", true);
            params.addProperty("awaitPromise", true);
            JsonObject result = call("Runtime.evaluate", params);
            if (result.has("exceptionDetails")) {
                throw new AssertionError("page script failed: " + result.get("exceptionDetails"));
            }
            JsonElement value = result.getAsJsonObject("result").get("value");
            return value == null || value.isJsonNull() ? null : value.isJsonPrimitive() ? value.getAsString() : value.toString();
        }

        /** Polls {@code expression} until it evaluates to "true" (e.g. after a navigation), within the timeout. */
        public void awaitTrue(String what, String expression) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            String last = null;
            while (System.nanoTime() < deadline) {
                try {
                    last = evaluate(expression);
                    if ("true".equals(last)) {
                        return;
                    }
                } catch (AssertionError e) {
                    last = e.getMessage(); // the page may be between documents
                }
                Thread.sleep(100);
            }
            throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what + " (last: " + last
                    + "); page text: " + safeText());
        }

        /** Signs in through the portal's form at {@code base} (http://host:port) and waits for the overview page. */
        public void signIn(String base, String user, String password) throws InterruptedException {
            navigate(base + "/signin");
            awaitTrue("the sign-in form", "document.readyState === 'complete' && !!document.querySelector('form[action=\"/signin\"]')");
            String submitted = evaluate("(() => { const form = document.querySelector('form[action=\"/signin\"]');"
                    + " form.querySelector('[name=username]').value = " + jsString(user) + ";"
                    + " form.querySelector('[name=password]').value = " + jsString(password) + ";"
                    + " form.requestSubmit(); return 'submitted'; })()");
            if (!"submitted".equals(submitted)) {
                throw new AssertionError("the sign-in form could not be submitted: " + submitted);
            }
            awaitTrue("the overview page after signing in", "location.pathname === '/' && document.readyState === 'complete'"
                    + " && !!document.getElementById('viewer')");
        }

        /** The DOM as the page holds it now. */
        public String dom() throws InterruptedException {
            return evaluate("document.documentElement.outerHTML");
        }

        /** A PNG of the page in a {@code width}×{@code height} viewport, written to {@code png}. */
        public void screenshot(Path png, int width, int height) throws IOException, InterruptedException {
            JsonObject metrics = new JsonObject();
            metrics.addProperty("width", width);
            metrics.addProperty("height", height);
            metrics.addProperty("deviceScaleFactor", 1);
            metrics.addProperty("mobile", false);
            call("Emulation.setDeviceMetricsOverride", metrics);
            Thread.sleep(200); // one frame for the new layout
            JsonObject params = new JsonObject();
            params.addProperty("format", "png");
            JsonObject shot = call("Page.captureScreenshot", params);
            Files.createDirectories(png.toAbsolutePath().getParent());
            Files.write(png, java.util.Base64.getDecoder().decode(shot.get("data").getAsString()));
        }

        private static String jsString(String text) {
            com.google.gson.JsonPrimitive json = new com.google.gson.JsonPrimitive(text);
            return json.toString();
        }

        private String safeText() {
            try {
                return evaluate("document.location.href + '\\n' + (document.body ? document.body.innerText : '')");
            } catch (AssertionError | InterruptedException e) {
                return "(unreadable: " + e.getMessage() + ")";
            }
        }

        @Override
        public void close() {
            if (socket != null) {
                socket.abort();
            }
            try {
                kill(process);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            delete(profile);
            try {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            } catch (IOException e) {
                // left in the temp directory
            }
        }
    }
}
