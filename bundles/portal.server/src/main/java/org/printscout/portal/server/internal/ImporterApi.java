package org.printscout.portal.server.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

/**
 * The importer API (docs/importer-api.yaml) under {@code /api/v1/}. Agents authenticate with HTTP
 * Basic (agent id, secret); the agent in the URL must be the authenticated one, so an agent can
 * never read or write another agent's data, whatever id it puts in a path.
 */
final class ImporterApi implements HttpHandler {

    private static final Pattern AGENT_PATH = Pattern.compile("/api/v1/agents/([A-Za-z0-9._-]{1,64})/(.+)");
    private static final Pattern REPORT = Pattern.compile("reports/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})");
    private static final Pattern COMMAND = Pattern.compile("commands/([0-9]{1,18})");
    private static final Pattern COMMAND_FILE = Pattern.compile("commands/([0-9]{1,18})/file");

    private final PortalStore store;
    private final ReportParser parser;
    private final int maxUploadBytes;
    private final int maxCommandFileBytes;
    private final Consumer<String> log;

    ImporterApi(PortalStore store, ReportParser parser, int maxUploadBytes, int maxCommandFileBytes, Consumer<String> log) {
        this.store = store;
        this.parser = parser;
        this.maxUploadBytes = maxUploadBytes;
        this.maxCommandFileBytes = maxCommandFileBytes;
        this.log = log;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            route(exchange);
        } catch (SQLException e) {
            log.accept("importer: storage failed for " + exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + ": " + e);
            Http.text(exchange, 503, "storage unavailable; try again later");
        } catch (RuntimeException e) {
            log.accept("importer: " + exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " failed: " + e);
            Http.text(exchange, 500, "internal error");
        } finally {
            exchange.close();
        }
    }

    private void route(HttpExchange exchange) throws IOException, SQLException {
        String path = exchange.getRequestURI().getPath();
        String method = exchange.getRequestMethod();
        if (path.equals("/api/v1/activate")) {
            if (!method.equals("POST")) {
                Http.text(exchange, 405, "POST only");
                return;
            }
            activate(exchange);
            return;
        }
        Matcher agentPath = AGENT_PATH.matcher(path);
        if (!agentPath.matches()) {
            Http.text(exchange, 404, "no such resource");
            return;
        }
        Optional<PortalStore.AgentRef> agent = authenticate(exchange);
        if (agent.isEmpty()) {
            exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"PrintScout importer\"");
            Http.text(exchange, 401, "agent credentials required");
            return;
        }
        if (!agent.get().agentId().equals(agentPath.group(1))) {
            Http.text(exchange, 403, "an agent may only use its own resources");
            return;
        }
        String rest = agentPath.group(2);
        Matcher report = REPORT.matcher(rest);
        Matcher command = COMMAND.matcher(rest);
        Matcher commandFile = COMMAND_FILE.matcher(rest);
        if (rest.equals("config") && method.equals("GET")) {
            config(exchange, agent.get());
        } else if (report.matches() && method.equals("PUT")) {
            upload(exchange, agent.get(), report.group(1));
        } else if (rest.equals("commands") && method.equals("GET")) {
            JsonArray list = new JsonArray();
            for (PortalStore.Command queued : store.handOutCommands(agent.get().agentId())) {
                JsonObject item = new JsonObject();
                item.addProperty("id", queued.id());
                item.addProperty("code", queued.code());
                item.addProperty("arguments", queued.arguments());
                item.addProperty("created", queued.created().toString());
                list.add(item);
            }
            Http.json(exchange, 200, list.toString());
        } else if (commandFile.matches() && method.equals("PUT")) {
            byte[] zip = Http.body(exchange, maxCommandFileBytes);
            if (zip == null) {
                Http.text(exchange, 413, "a command's file may be at most " + maxCommandFileBytes + " bytes");
            } else if (zip.length < 4 || zip[0] != 'P' || zip[1] != 'K') {
                Http.text(exchange, 422, "a command's file must be a zip");
            } else if (store.storeCommandFile(agent.get().agentId(), Long.parseLong(commandFile.group(1)), zip)) {
                Http.text(exchange, 201, "stored");
            } else {
                Http.text(exchange, 404, "no such unfinished command for this agent");
            }
        } else if (command.matches() && method.equals("POST")) {
            completeCommand(exchange, agent.get(), Long.parseLong(command.group(1)));
        } else {
            Http.text(exchange, 404, "no such resource");
        }
    }

    private void completeCommand(HttpExchange exchange, PortalStore.AgentRef agent, long commandId) throws IOException, SQLException {
        // 4000 characters of result can escape to ~24 KB of JSON (control characters as \\uXXXX)
        JsonObject body = json(exchange, 32 * 1024);
        if (body == null) {
            return;
        }
        PortalStore.CommandOutcome outcome;
        try {
            outcome = PortalStore.CommandOutcome.valueOf(body.get("outcome").getAsString().toUpperCase(java.util.Locale.ROOT));
        } catch (RuntimeException e) {
            Http.text(exchange, 400, "outcome must be one of done, failed, unsupported");
            return;
        }
        String result = body.has("result") && body.get("result").isJsonPrimitive() ? body.get("result").getAsString() : "";
        boolean done = store.completeCommand(agent.agentId(), commandId, outcome, result);
        Http.text(exchange, done ? 204 : 404, done ? "" : "no such unfinished command for this agent");
    }

    private void activate(HttpExchange exchange) throws IOException, SQLException {
        JsonObject body = json(exchange, 16 * 1024);
        if (body == null) {
            return;
        }
        if (!body.has("activationKey") || !body.get("activationKey").isJsonPrimitive()) {
            Http.text(exchange, 400, "activationKey is required");
            return;
        }
        String hostname = body.has("hostname") && body.get("hostname").isJsonPrimitive() ? body.get("hostname").getAsString() : null;
        Optional<PortalStore.Activation> activation = store.activate(body.get("activationKey").getAsString(), hostname);
        if (activation.isEmpty()) {
            Http.text(exchange, 403, "unknown or already used activation key");
            return;
        }
        log.accept("importer: agent " + activation.get().agentId() + " activated for site " + activation.get().siteId()
                + " from " + exchange.getRemoteAddress().getAddress().getHostAddress());
        JsonObject answer = new JsonObject();
        answer.addProperty("agentId", activation.get().agentId());
        answer.addProperty("secret", activation.get().secret());
        answer.addProperty("siteId", activation.get().siteId());
        Http.json(exchange, 200, answer.toString());
    }

    /** The configuration PID through which agents learn whether their customer allows the remote web UI. */
    static final String REMOTE_UI_PID = "org.printscout.remoteui";

    /**
     * The site's configuration as the agent applies it: what the operator set for the site, plus the
     * customer's remote-UI switch (which an admin sets, and which overrides anything the site's own
     * configuration says about it). The ETag is a digest of exactly this document, so a change of
     * either part reaches the agent.
     */
    private void config(HttpExchange exchange, PortalStore.AgentRef agent) throws IOException, SQLException {
        PortalStore.SiteConfig config = store.siteConfig(agent.siteId());
        JsonObject document = JsonParser.parseString(config.json()).getAsJsonObject();
        document.addProperty("siteId", agent.siteId());
        if (!document.has("configurations") || !document.get("configurations").isJsonObject()) {
            document.add("configurations", new JsonObject());
        }
        JsonObject remoteUi = new JsonObject();
        remoteUi.addProperty("enabled", config.remoteUiAllowed());
        document.getAsJsonObject("configurations").add(REMOTE_UI_PID, remoteUi);
        String body = document.toString();
        String etag = "\"" + Passwords.sha256(body).substring(0, 16) + "\"";
        exchange.getResponseHeaders().set("ETag", etag);
        if (etag.equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
            exchange.sendResponseHeaders(304, -1);
            return;
        }
        Http.json(exchange, 200, body);
    }

    private void upload(HttpExchange exchange, PortalStore.AgentRef agent, String reportId) throws IOException, SQLException {
        String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
        if (key != null && !key.equals(reportId)) {
            Http.text(exchange, 400, "Idempotency-Key must equal the report id in the URL");
            return;
        }
        byte[] body = Http.body(exchange, maxUploadBytes);
        if (body == null) {
            Http.text(exchange, 413, "a report upload may be at most " + maxUploadBytes + " bytes");
            return;
        }
        ReportParser.Report report;
        try {
            report = parser.parse(body);
        } catch (ReportParser.RejectedReport e) {
            Http.text(exchange, 422, e.getMessage());
            return;
        }
        if (!reportId.equals(report.id())) {
            Http.text(exchange, 422, "the report's id " + report.id() + " is not the id in the URL");
            return;
        }
        if (!agent.agentId().equals(report.agent())) {
            Http.text(exchange, 422, "the report names agent " + report.agent() + ", not the one uploading it");
            return;
        }
        switch (store.storeReport(agent, report)) {
            case STORED:
                Http.text(exchange, 201, "stored");
                break;
            case DUPLICATE:
                Http.text(exchange, 200, "already stored");
                break;
            default:
                Http.text(exchange, 409, "this report id is taken");
                break;
        }
    }

    private Optional<PortalStore.AgentRef> authenticate(HttpExchange exchange) throws SQLException {
        Optional<String[]> basic = Http.basic(exchange);
        if (basic.isEmpty()) {
            return Optional.empty();
        }
        return store.authenticate(basic.get()[0], basic.get()[1]);
    }

    private static JsonObject json(HttpExchange exchange, int limit) throws IOException {
        byte[] body = Http.body(exchange, limit);
        if (body == null) {
            Http.text(exchange, 413, "request too large");
            return null;
        }
        try {
            return JsonParser.parseString(new String(body, StandardCharsets.UTF_8)).getAsJsonObject();
        } catch (JsonParseException | IllegalStateException e) {
            Http.text(exchange, 400, "the body must be a JSON object");
            return null;
        }
    }

    /** Small HTTP helpers shared with the web page. */
    static final class Http {
        private Http() {
        }

        /** Beyond this, an oversized body is not read to its end: the connection is dropped instead. */
        private static final long DRAIN_LIMIT = 64L * 1024 * 1024;

        /**
         * The body, or null when it is longer than {@code limit}. An oversized body is read to its
         * end (up to {@link #DRAIN_LIMIT}) and discarded: closing a connection with unread data makes
         * TCP reset it, and the client would see a broken connection instead of the 413 and its reason.
         */
        static byte[] body(HttpExchange exchange, int limit) throws IOException {
            try (InputStream in = exchange.getRequestBody()) {
                byte[] bytes = in.readNBytes(limit + 1);
                if (bytes.length <= limit) {
                    return bytes;
                }
                String declared = exchange.getRequestHeaders().getFirst("Content-Length");
                if (declared == null || declared.length() < 19 && Long.parseLong(declared.strip()) <= DRAIN_LIMIT) {
                    long drained = 0;
                    byte[] sink = new byte[64 * 1024];
                    for (int n; drained < DRAIN_LIMIT && (n = in.read(sink)) > 0; ) {
                        drained += n;
                    }
                }
                return null;
            } catch (NumberFormatException e) {
                return null;
            }
        }

        static Optional<String[]> basic(HttpExchange exchange) {
            String header = exchange.getRequestHeaders().getFirst("Authorization");
            if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
                return Optional.empty();
            }
            try {
                String pair = new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
                int colon = pair.indexOf(':');
                return colon < 0 ? Optional.empty() : Optional.of(new String[] {pair.substring(0, colon), pair.substring(colon + 1)});
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }

        static void text(HttpExchange exchange, int status, String text) throws IOException {
            send(exchange, status, "text/plain; charset=utf-8", text);
        }

        static void json(HttpExchange exchange, int status, String json) throws IOException {
            send(exchange, status, "application/json", json);
        }

        static void send(HttpExchange exchange, int status, String type, String text) throws IOException {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", type);
            exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                exchange.getResponseBody().write(bytes);
            }
        }
    }
}
