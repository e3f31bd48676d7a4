package org.printscout.portal.server.internal;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletAsyncSupported;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * The importer API (docs/importer-api.yaml) under {@code /api/v1/}. Agents authenticate with HTTP
 * Basic (agent id, secret: a 256-bit random value checked as SHA-256, which costs microseconds, so
 * agents never wait behind people's PBKDF2); the agent in the URL must be the authenticated one, so
 * an agent can never read or write another agent's data, whatever id it puts in a path. Not
 * browser-facing: no cookies or sessions authenticate it, so it needs no CSRF token (a page on
 * another site cannot send an agent's secret without knowing it).
 */
@Component(service = Servlet.class)
@HttpWhiteboardContextSelect(PortalServletContext.SELECT)
@HttpWhiteboardServletPattern("/api/*")
@HttpWhiteboardServletName("printscout-agent-api")
@HttpWhiteboardServletAsyncSupported
public final class AgentApiServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private static final Pattern AGENT_PATH = Pattern.compile("/api/v1/agents/([A-Za-z0-9._-]{1,64})/(.+)");
    private static final Pattern REPORT = Pattern.compile("reports/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})");
    private static final Pattern COMMAND = Pattern.compile("commands/([0-9]{1,18})");
    private static final Pattern COMMAND_FILE = Pattern.compile("commands/([0-9]{1,18})/file");
    private static final Pattern ARTIFACT = Pattern.compile("artifacts/([0-9a-f]{64})");

    /** The configuration PID through which agents learn whether their customer allows the remote web UI. */
    static final String REMOTE_UI_PID = "org.printscout.remoteui";
    /** Longest config-status reason accepted (the agent cuts its reason to this). */
    static final int MAX_REASON = 2000;
    /** Largest JSON body of activation and config-status. */
    static final int MAX_JSON = 16 * 1024;
    /** A command's result: 4000 characters can escape to ~24 KB of JSON (control characters as \\uXXXX). */
    static final int MAX_RESULT_JSON = 32 * 1024;
    /** A rollout-status report (docs/rollout.md: at most 64 KiB). */
    static final int MAX_ROLLOUT_STATUS_JSON = 64 * 1024;

    private final transient TenancyStore tenancy;
    private final transient ReportStore reportStore;
    private final transient CommandStore commandStore;
    private final transient ReportParser parser;
    private final transient ArtifactCatalogue catalogue;
    private final transient RolloutStore rollouts;
    private final int maxUploadBytes;
    private final int maxCommandFileBytes;
    private final transient Logger log;

    /** The remote web UI, when this portal runs it: agents register their tunnel key and learn the broker through it. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private transient volatile RemoteUiService remoteUi;

    @Activate
    public AgentApiServlet(@Reference PortalComponent portal, @Reference RolloutService rollout, @Reference(service = LoggerFactory.class) Logger log) {
        this(portal.tenancyStore(), portal.reportStore(), portal.commandStore(), portal.parser(), rollout.catalogue(), rollout.rollouts(),
                portal.maxUploadBytes(), portal.maxCommandFileBytes(), log);
    }

    AgentApiServlet(TenancyStore tenancy, ReportStore reportStore, CommandStore commandStore, ReportParser parser, ArtifactCatalogue catalogue,
                    RolloutStore rollouts, int maxUploadBytes, int maxCommandFileBytes, Logger log) {
        this.tenancy = tenancy;
        this.reportStore = reportStore;
        this.commandStore = commandStore;
        this.parser = parser;
        this.catalogue = catalogue;
        this.rollouts = rollouts;
        this.maxUploadBytes = maxUploadBytes;
        this.maxCommandFileBytes = maxCommandFileBytes;
        this.log = log;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) {
        Exchange.start(request, response, log, this::route);
    }

    private void route(Exchange exchange) throws Exception {
        HttpServletRequest request = exchange.request;
        String path = request.getRequestURI();
        String method = request.getMethod();
        if (path.equals("/api/v1/activate")) {
            if (!method.equals("POST")) {
                exchange.text(405, "POST only");
                return;
            }
            json(exchange, MAX_JSON, body -> activate(exchange, body));
            return;
        }
        Matcher agentPath = AGENT_PATH.matcher(path);
        if (!agentPath.matches()) {
            exchange.text(404, "no such resource");
            return;
        }
        Optional<Http.Basic> basic = Http.basic(request);
        Optional<TenancyStore.AgentRef> authenticated = basic.isEmpty() ? Optional.empty() : tenancy.authenticate(basic.get().user(), basic.get().password());
        if (authenticated.isEmpty()) {
            exchange.response.setHeader("WWW-Authenticate", "Basic realm=\"PrintScout importer\"");
            exchange.text(401, "agent credentials required");
            return;
        }
        TenancyStore.AgentRef agent = authenticated.get();
        if (!agent.agentId().equals(agentPath.group(1))) {
            exchange.text(403, "an agent may only use its own resources");
            return;
        }
        String rest = agentPath.group(2);
        Matcher report = REPORT.matcher(rest);
        Matcher command = COMMAND.matcher(rest);
        Matcher commandFile = COMMAND_FILE.matcher(rest);
        Matcher artifact = ARTIFACT.matcher(rest);
        if (rest.equals("config") && method.equals("GET")) {
            config(exchange, agent);
        } else if (artifact.matches() && method.equals("GET")) {
            download(exchange, agent, artifact.group(1));
        } else if (rest.equals("rollout-status") && method.equals("POST")) {
            json(exchange, MAX_ROLLOUT_STATUS_JSON, body -> rolloutStatus(exchange, agent, body));
        } else if (rest.equals("remote-ui/key") && method.equals("POST")) {
            json(exchange, MAX_JSON, body -> registerKey(exchange, agent, body));
        } else if (rest.equals("config-status") && method.equals("POST")) {
            json(exchange, MAX_JSON, body -> configStatus(exchange, agent, body));
        } else if (report.matches() && method.equals("PUT")) {
            upload(exchange, agent, report.group(1));
        } else if (rest.equals("commands") && method.equals("GET")) {
            JsonArray list = new JsonArray();
            for (CommandStore.Command queued : commandStore.handOutCommands(agent.agentId())) {
                JsonObject item = new JsonObject();
                item.addProperty("id", queued.id());
                item.addProperty("code", queued.code());
                item.addProperty("arguments", queued.arguments());
                item.addProperty("created", queued.created().toString());
                list.add(item);
            }
            exchange.json(200, list.toString());
        } else if (commandFile.matches() && method.equals("PUT")) {
            long commandId = Long.parseLong(commandFile.group(1));
            int limit = maxCommandFileBytes;
            exchange.body(limit, zip -> {
                if (zip == null) {
                    exchange.text(413, "a command's file may be at most " + limit + " bytes");
                } else if (zip.length < 4 || zip[0] != 'P' || zip[1] != 'K') {
                    exchange.text(422, "a command's file must be a zip");
                } else if (commandStore.storeCommandFile(agent.agentId(), commandId, zip)) {
                    exchange.text(201, "stored");
                } else {
                    exchange.text(404, "no such unfinished command for this agent");
                }
            });
        } else if (command.matches() && method.equals("POST")) {
            long commandId = Long.parseLong(command.group(1));
            json(exchange, MAX_RESULT_JSON, body -> completeCommand(exchange, agent, commandId, body));
        } else {
            exchange.text(404, "no such resource");
        }
    }

    @FunctionalInterface
    private interface JsonStep {
        void accept(JsonObject body) throws Exception;
    }

    /** Reads a JSON object body (at most {@code limit} bytes, nesting bounded by {@link Json}) and hands it on; 413 or 400 with the reason otherwise. */
    private static void json(Exchange exchange, int limit, JsonStep then) throws Exception {
        exchange.body(limit, bytes -> {
            if (bytes == null) {
                exchange.text(413, "request too large: at most " + limit + " bytes");
                return;
            }
            JsonObject body;
            try {
                body = Json.object(new String(bytes, StandardCharsets.UTF_8));
            } catch (Json.Refused e) {
                exchange.text(400, e.getMessage());
                return;
            }
            then.accept(body);
        });
    }

    private static String string(JsonObject body, String member) {
        JsonElement value = body.get(member);
        return value != null && value.isJsonPrimitive() ? value.getAsString() : null;
    }

    private void completeCommand(Exchange exchange, TenancyStore.AgentRef agent, long commandId, JsonObject body) throws Exception {
        CommandStore.CommandOutcome outcome;
        try {
            outcome = CommandStore.CommandOutcome.valueOf(body.get("outcome").getAsString().toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            exchange.text(400, "outcome must be one of done, failed, unsupported");
            return;
        }
        String result = Optional.ofNullable(string(body, "result")).orElse("");
        boolean done = commandStore.completeCommand(agent.agentId(), commandId, outcome, result);
        exchange.text(done ? 204 : 404, done ? "" : "no such unfinished command for this agent");
    }

    private void activate(Exchange exchange, JsonObject body) throws Exception {
        String key = string(body, "activationKey");
        if (key == null) {
            exchange.text(400, "activationKey is required");
            return;
        }
        Optional<TenancyStore.Activation> activation = tenancy.activate(key, string(body, "hostname"));
        if (activation.isEmpty()) {
            exchange.text(403, "unknown or already used activation key");
            return;
        }
        log.info("importer: agent " + activation.get().agentId() + " activated for site " + activation.get().siteId()
                + " from " + Http.clientAddress(exchange.request));
        try {
            int joined = rollouts.admit(activation.get().agentId());
            if (joined > 0) {
                log.info("importer: agent " + activation.get().agentId() + " joined " + joined + " rollout(s) in effect at its site");
            }
        } catch (SQLException e) {
            // the activation stands; the dealer sees the agent missing from the rollout and can start another
            log.error("agent " + activation.get().agentId() + " could not join the rollouts in effect at its site: " + e.getMessage());
        }
        JsonObject answer = new JsonObject();
        answer.addProperty("agentId", activation.get().agentId());
        answer.addProperty("secret", activation.get().secret());
        answer.addProperty("siteId", activation.get().siteId());
        JsonArray keys = new JsonArray();
        catalogue.keyLinesOfSite(activation.get().siteId()).forEach(keys::add);
        answer.add("artifactKeys", keys);
        exchange.json(200, answer.toString());
    }

    /** The agent's SSH public key for the tunnel server (its private half never leaves the agent). */
    private void registerKey(Exchange exchange, TenancyStore.AgentRef agent, JsonObject body) throws Exception {
        RemoteUiService service = remoteUi;
        if (service == null) {
            exchange.text(404, "this portal runs no remote web UI");
            return;
        }
        Optional<String> fingerprint = service.store().registerKey(agent.agentId(), string(body, "publicKey"));
        if (fingerprint.isEmpty()) {
            exchange.text(422, "publicKey must be an OpenSSH ecdsa-sha2-nistp256/384/521 or ssh-ed25519 public key line");
            return;
        }
        log.info("importer: agent " + agent.agentId() + " registered its tunnel key " + fingerprint.get());
        exchange.text(204, "");
    }

    /** The agent's verdict on the configuration it evaluated: kept (the latest per agent) and shown on the page and in portal:agents. */
    private void configStatus(Exchange exchange, TenancyStore.AgentRef agent, JsonObject body) throws Exception {
        String etag = string(body, "etag");
        JsonElement applied = body.get("applied");
        String reason = Optional.ofNullable(string(body, "reason")).orElse("");
        if (etag == null || etag.length() > 200) {
            exchange.text(400, "etag is required (the ETag of the configuration evaluated, at most 200 characters)");
        } else if (applied == null || !applied.isJsonPrimitive() || !applied.getAsJsonPrimitive().isBoolean()) {
            exchange.text(400, "applied must be true or false");
        } else if (reason.length() > MAX_REASON) {
            exchange.text(400, "reason may be at most " + MAX_REASON + " characters");
        } else {
            tenancy.recordConfigStatus(agent.agentId(), etag, applied.getAsBoolean(), reason);
            if (!applied.getAsBoolean()) {
                log.warn("importer: agent " + agent.agentId() + " refused site configuration " + SignIn.FailureLog.printable(etag) + ": "
                        + reason.replaceAll("\\p{Cntrl}", " "));
            }
            exchange.text(204, "");
        }
    }

    /**
     * The site's configuration as the agent applies it: what the operator set for the site, plus the
     * customer's remote-UI switch (which an admin sets, and which overrides anything the site's own
     * configuration says about it). The ETag is a digest of exactly this document, so a change of
     * either part reaches the agent.
     */
    private void config(Exchange exchange, TenancyStore.AgentRef agent) throws Exception {
        TenancyStore.SiteConfig config = tenancy.siteConfig(agent.siteId());
        JsonObject document = JsonParser.parseString(config.json()).getAsJsonObject();
        document.addProperty("siteId", agent.siteId());
        if (!document.has("configurations") || !document.get("configurations").isJsonObject()) {
            document.add("configurations", new JsonObject());
        }
        RemoteUiService service = remoteUi;
        JsonObject settings;
        if (service == null) {
            settings = new JsonObject();
            settings.addProperty("enabled", config.remoteUiAllowed());
        } else {
            settings = service.agentSettings(agent.agentId(), config.remoteUiAllowed());
        }
        document.getAsJsonObject("configurations").add(REMOTE_UI_PID, settings);
        document.remove("artifacts");
        Optional<RolloutStore.DesiredSet> desired = rollouts.desired(agent.agentId());
        if (desired.isPresent()) {
            document.add("artifacts", artifacts(agent.agentId(), desired.get()));
        }
        String body = document.toString();
        String etag = "\"" + Passwords.sha256(body).substring(0, 16) + "\"";
        exchange.response.setHeader("ETag", etag);
        if (etag.equals(exchange.request.getHeader("If-None-Match"))) {
            exchange.response.setStatus(304);
            return;
        }
        exchange.json(200, body);
    }

    /** The contract's {@code artifacts} member: the set's id and every artifact with what the agent verifies and where it downloads it. */
    private static JsonObject artifacts(String agentId, RolloutStore.DesiredSet set) {
        JsonArray items = new JsonArray();
        for (ArtifactCatalogue.Artifact a : set.items()) {
            JsonObject item = new JsonObject();
            item.addProperty("kind", a.kind());
            item.addProperty("name", a.name());
            item.addProperty("symbolicName", a.symbolicName());
            item.addProperty("version", a.version());
            item.addProperty("sha256", a.sha256());
            item.addProperty("size", a.size());
            item.addProperty("keyId", a.keyId());
            item.addProperty("signature", a.signature());
            item.addProperty("url", "api/v1/agents/" + agentId + "/artifacts/" + a.sha256());
            items.add(item);
        }
        JsonObject member = new JsonObject();
        member.addProperty("setId", set.setId());
        member.add("items", items);
        return member;
    }

    /** An artifact's bytes, only when it is in this agent's desired set now. */
    private void download(Exchange exchange, TenancyStore.AgentRef agent, String sha256) throws Exception {
        Optional<ArtifactCatalogue.Artifact> wanted = rollouts.desired(agent.agentId())
                .flatMap(set -> set.items().stream().filter(a -> a.sha256().equals(sha256)).findFirst());
        if (wanted.isEmpty()) {
            exchange.text(404, "this artifact is not in the agent's desired set");
            return;
        }
        HttpServletResponse response = exchange.response;
        boolean found;
        if (wanted.get().size() <= ArtifactCatalogue.IN_MEMORY) {
            // the database connection is released before the bytes go out, so slow agents hold no pool connection
            Optional<byte[]> bytes = catalogue.content(wanted.get().id());
            found = bytes.isPresent();
            if (found) {
                Http.send(response, 200, "application/octet-stream", bytes.get());
            }
        } else {
            found = catalogue.read(wanted.get().id(), in -> {
                response.setStatus(200);
                response.setContentType("application/octet-stream");
                response.setContentLengthLong(wanted.get().size());
                in.transferTo(response.getOutputStream());
            });
        }
        if (!found) {
            exchange.text(404, "this artifact is not in the catalogue any more");
        }
    }

    /** The agent's progress on a set: kept (the latest per agent and set); it may start the next wave or halt the rollout. */
    private void rolloutStatus(Exchange exchange, TenancyStore.AgentRef agent, JsonObject body) throws Exception {
        String setId = string(body, "setId");
        String state = string(body, "state");
        String reason = Optional.ofNullable(string(body, "reason")).orElse("");
        JsonElement items = body.get("items");
        if (setId == null || setId.isEmpty() || setId.length() > 200) {
            exchange.text(400, "setId is required (the setId of the artifacts member, at most 200 characters)");
        } else if (state == null || !RolloutStore.REPORTED_STATES.contains(state)) {
            exchange.text(400, "state must be one of downloading, installed, healthy, rolled back, refused, failed");
        } else if (reason.length() > MAX_REASON) {
            exchange.text(400, "reason may be at most " + MAX_REASON + " characters");
        } else if (items != null && !items.isJsonNull() && !validItems(items)) {
            exchange.text(400, "items must be an array of at most 1000 objects with symbolicName and version (at most 200 characters), "
                    + "state installed, healthy, refused or rolled back, and a reason of at most " + MAX_REASON + " characters");
        } else {
            String stored = items == null || items.isJsonNull() ? "[]" : items.toString();
            if (stored.length() > MAX_ROLLOUT_STATUS_JSON) {
                exchange.text(400, "items are too long");
                return;
            }
            String printableReason = reason.replaceAll("\\p{Cntrl}", " ");
            if (rollouts.recordStatus(agent.agentId(), setId, state, printableReason, stored) == RolloutStore.Recorded.UNKNOWN_SET) {
                exchange.text(404, "no rollout with this setId includes this agent");
                return;
            }
            if (state.equals("rolled back") || state.equals("refused") || state.equals("failed")) {
                log.warn("importer: agent " + agent.agentId() + " " + state + " artifact set " + SignIn.FailureLog.printable(setId) + ": " + printableReason);
            }
            exchange.text(204, "");
        }
    }

    private static final java.util.Set<String> ITEM_STATES = java.util.Set.of("installed", "healthy", "refused", "rolled back");

    private static boolean validItems(JsonElement items) {
        if (!items.isJsonArray() || items.getAsJsonArray().size() > 1000) {
            return false;
        }
        for (JsonElement element : items.getAsJsonArray()) {
            if (!element.isJsonObject()) {
                return false;
            }
            JsonObject item = element.getAsJsonObject();
            String name = string(item, "symbolicName");
            String version = string(item, "version");
            String state = string(item, "state");
            String reason = Optional.ofNullable(string(item, "reason")).orElse("");
            if (name == null || name.length() > 200 || version == null || version.length() > 200 || state == null || !ITEM_STATES.contains(state)
                    || reason.length() > MAX_REASON) {
                return false;
            }
        }
        return true;
    }

    private void upload(Exchange exchange, TenancyStore.AgentRef agent, String reportId) throws Exception {
        String key = exchange.request.getHeader("Idempotency-Key");
        if (key != null && !key.equals(reportId)) {
            exchange.text(400, "Idempotency-Key must equal the report id in the URL");
            return;
        }
        int limit = maxUploadBytes;
        exchange.body(limit, body -> {
            if (body == null) {
                exchange.text(413, "a report upload may be at most " + limit + " bytes");
                return;
            }
            ReportParser.Report report;
            try {
                report = parser.parse(body);
            } catch (ReportParser.RejectedReport e) {
                exchange.text(422, e.getMessage());
                return;
            } catch (ReportParser.Busy e) {
                // retryable: the agent keeps the report and tries again after its back-off
                exchange.response.setHeader("Retry-After", "5");
                exchange.text(503, e.getMessage());
                return;
            }
            if (!reportId.equals(report.id())) {
                exchange.text(422, "the report's id " + report.id() + " is not the id in the URL");
                return;
            }
            if (!agent.agentId().equals(report.agent())) {
                exchange.text(422, "the report names agent " + report.agent() + ", not the one uploading it");
                return;
            }
            ReportStore.StoreOutcome outcome = reportStore.storeReport(agent, report);
            if (!report.clamped().isEmpty() && outcome == ReportStore.StoreOutcome.STORED) {
                log.warn("importer: agent " + agent.agentId() + " report " + report.id() + ": " + report.clamped());
            }
            switch (outcome) {
                case STORED:
                    exchange.text(201, report.clamped().isEmpty() ? "stored" : "stored; " + report.clamped());
                    break;
                case DUPLICATE:
                    exchange.text(200, "already stored");
                    break;
                default:
                    exchange.text(409, "this report id is taken");
                    break;
            }
        });
    }
}
