package org.printscout.portal.server.internal;

import java.io.InputStream;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.Part;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletAsyncSupported;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletMultipart;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * Fleet updates ({@code /rollouts}, managers only: admins of all the dealer's customers): the dealer's
 * signing keys, the catalogue with its upload form (artifact + .sig, multipart), the rollouts with
 * the create form, and one rollout's page with its counts, per-agent table and pause, resume, abort.
 * Forms carry the session's CSRF token like every page's; changes are audited.
 */
@Component(service = Servlet.class)
@HttpWhiteboardContextSelect(PortalServletContext.SELECT)
@HttpWhiteboardServletPattern({"/rollouts", "/rollouts/*"})
@HttpWhiteboardServletName("printscout-rollouts")
@HttpWhiteboardServletAsyncSupported
@HttpWhiteboardServletMultipart(enabled = true, fileSizeThreshold = 256 * 1024, maxFileSize = RolloutServlet.MAX_MULTIPART,
        maxRequestSize = RolloutServlet.MAX_MULTIPART)
public final class RolloutServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    /** The ceiling of any upload; the configured artifact limit (RolloutConfig.maxArtifactKib) is checked below it. */
    static final long MAX_MULTIPART = 1024L * 1024 * 1024 + 64 * 1024;
    /** Room for the form's other fields and the multipart framing beside the artifact. */
    static final long FORM_SLACK = 64 * 1024;
    static final String UPLOAD = "/rollouts/catalogue";

    private static final Pattern ROLLOUT = Pattern.compile("/rollouts/([0-9]{1,18})");
    private static final Pattern ACTION = Pattern.compile("/rollouts/([0-9]{1,18})/(pause|resume|abort)");
    private static final Pattern KEY_DELETE = Pattern.compile("/rollouts/keys/([0-9]{1,18})/delete");
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

    public record KeyView(long id, String keyId, String comment, String added, String addedBy) {
    }

    public record ArtifactView(long id, String kind, String name, String symbolicName, String version, String sha256, long size, String keyId,
                               String uploaded, String uploadedBy) {
    }

    public record RolloutView(long id, String name, String state, String reason, String firstWave, int currentWave, String created, String createdBy) {
    }

    public record SiteView(String id, String name, String customerId, String customer, int agents) {
    }

    public record AgentView(String agentId, String site, String hostname, int wave, String state, String reason, String changed) {
    }

    public record CountView(String state, int count) {
    }

    private final transient Sessions sessions;
    private final transient Templates templates;
    private final transient ArtifactCatalogue catalogue;
    private final transient RolloutStore rollouts;
    private final transient TenancyStore tenancy;
    private final transient AuditLog audit;
    private final transient Logger log;

    @Activate
    public RolloutServlet(@Reference PortalComponent portal, @Reference RolloutService rollout, @Reference Sessions sessions, @Reference Templates templates,
                          @Reference(service = LoggerFactory.class) Logger log) {
        this(sessions, templates, rollout.catalogue(), rollout.rollouts(), portal.tenancyStore(), portal.auditLog(), log);
    }

    RolloutServlet(Sessions sessions, Templates templates, ArtifactCatalogue catalogue, RolloutStore rollouts, TenancyStore tenancy, AuditLog audit,
                   Logger log) {
        this.sessions = sessions;
        this.templates = templates;
        this.catalogue = catalogue;
        this.rollouts = rollouts;
        this.tenancy = tenancy;
        this.audit = audit;
        this.log = log;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) {
        if (request.getMethod().equals("POST") && request.getRequestURI().equals(UPLOAD)) {
            Exchange.start(request, response, log, this::upload);
            return;
        }
        sessions.serve(request, response, (exchange, session, form) -> {
            if (!PageServlet.manager(session.user())) {
                exchange.text(403, "only an admin of all the dealer's customers manages fleet updates");
                return;
            }
            String path = exchange.request.getRequestURI();
            Matcher one = ROLLOUT.matcher(path);
            if (path.equals("/rollouts")) {
                page(exchange, session, "", "done");
            } else if (one.matches()) {
                detail(exchange, session, Long.parseLong(one.group(1)), "", "done");
            } else {
                exchange.text(404, "no such page");
            }
        }, this::post);
    }

    /** The fleet-updates page; after a refused form, with the reason (answered 400 so a script sees it failed). */
    private void page(Exchange exchange, SessionStore.Session session, String notice, String kind) throws Exception {
        String dealer = session.user().dealerId();
        Map<String, Object> model = PageServlet.frame(session);
        model.put("notice", notice);
        model.put("noticeKind", kind);
        model.put("keys", catalogue.keys(dealer).stream().map(k -> new KeyView(k.id(), k.keyId(), k.comment(), WHEN.format(k.added()), k.addedBy()))
                .toList());
        model.put("artifacts", catalogue.artifacts(dealer).stream().map(a -> new ArtifactView(a.id(), a.kind(), a.name(), a.symbolicName(), a.version(),
                a.sha256(), a.size(), a.keyId(), WHEN.format(a.uploaded()), a.uploadedBy())).toList());
        model.put("rollouts", rollouts.rollouts(dealer).stream().map(RolloutServlet::view).toList());
        List<SiteView> sites = rollouts.sites(dealer).stream().map(s -> new SiteView(s.id(), s.name(), s.customerId(), s.customerName(), s.agents()))
                .toList();
        model.put("sites", sites);
        Map<String, String> customers = new LinkedHashMap<>();
        sites.forEach(s -> customers.put(s.customerId(), s.customer()));
        model.put("customers", customers.entrySet().stream().map(e -> new SiteView(e.getKey(), e.getValue(), e.getKey(), e.getValue(), 0)).toList());
        model.put("maxArtifactKib", catalogue.maxBytes() / 1024);
        PageServlet.html(exchange.response, notice.isEmpty() ? 200 : 400, templates.render("rollouts.ftlh", model));
    }

    private static RolloutView view(RolloutStore.Rollout r) {
        return new RolloutView(r.id(), r.name(), r.state().stored(), r.reason(), r.firstWave(), r.currentWave(), WHEN.format(r.created()), r.createdBy());
    }

    private void detail(Exchange exchange, SessionStore.Session session, long id, String notice, String kind) throws Exception {
        Optional<RolloutStore.Rollout> rollout = rollouts.rollout(session.user().dealerId(), id);
        if (rollout.isEmpty()) {
            exchange.text(404, "no such rollout");
            return;
        }
        Map<String, Object> model = PageServlet.frame(session);
        model.put("notice", notice);
        model.put("noticeKind", kind);
        model.put("rollout", view(rollout.get()));
        model.put("setId", rollout.get().setId());
        model.put("artifacts", rollouts.artifactsOf(id).stream().map(a -> new ArtifactView(a.id(), a.kind(), a.name(), a.symbolicName(), a.version(),
                a.sha256(), a.size(), a.keyId(), WHEN.format(a.uploaded()), a.uploadedBy())).toList());
        model.put("counts", rollouts.counts(id).entrySet().stream().map(e -> new CountView(e.getKey(), e.getValue())).toList());
        model.put("agents", rollouts.agents(id).stream().map(a -> new AgentView(a.agentId(), a.siteName(), a.hostname(), a.wave(), a.state(), a.reason(),
                WHEN.format(a.changed()))).toList());
        PageServlet.html(exchange.response, notice.isEmpty() ? 200 : 400, templates.render("rollout.ftlh", model));
    }

    private void post(Exchange exchange, SessionStore.Session session, Form form) throws Exception {
        UserStore.User user = session.user();
        if (!PageServlet.manager(user)) {
            exchange.text(403, "only an admin of all the dealer's customers manages fleet updates");
            return;
        }
        String path = exchange.request.getRequestURI();
        String address = Http.clientAddress(exchange.request);
        Matcher action = ACTION.matcher(path);
        Matcher keyDelete = KEY_DELETE.matcher(path);
        if (path.equals("/rollouts/keys")) {
            try {
                ArtifactCatalogue.KeyRow key = catalogue.addKey(user.dealerId(), form.get("key"), user.username());
                audit.record(user.dealerId(), user.username(), address, AuditLog.Action.DEALER_KEY_ADDED, "key " + key.keyId(), key.comment());
            } catch (ArtifactSignature.Refused e) {
                page(exchange, session, "Key refused: " + e.getMessage(), "error");
                return;
            }
            SignInServlet.redirect(exchange.response, "/rollouts");
        } else if (keyDelete.matches()) {
            long id = Long.parseLong(keyDelete.group(1));
            Optional<ArtifactCatalogue.KeyRow> key = catalogue.keys(user.dealerId()).stream().filter(k -> k.id() == id).findFirst();
            if (key.isEmpty() || !catalogue.removeKey(user.dealerId(), id)) {
                exchange.text(404, "no such key");
                return;
            }
            audit.record(user.dealerId(), user.username(), address, AuditLog.Action.DEALER_KEY_REMOVED, "key " + key.get().keyId(), key.get().comment());
            SignInServlet.redirect(exchange.response, "/rollouts");
        } else if (path.equals("/rollouts")) {
            create(exchange, session, form, address);
        } else if (action.matches()) {
            long id = Long.parseLong(action.group(1));
            try {
                switch (action.group(2)) {
                    case "pause" -> rollouts.pause(user.dealerId(), id);
                    case "resume" -> rollouts.resume(user.dealerId(), id);
                    default -> rollouts.abort(user.dealerId(), id);
                }
            } catch (RolloutStore.Refused e) {
                if (rollouts.rollout(user.dealerId(), id).isEmpty()) {
                    exchange.text(404, "no such rollout");
                } else {
                    detail(exchange, session, id, e.getMessage(), "error");
                }
                return;
            }
            AuditLog.Action done = switch (action.group(2)) {
                case "pause" -> AuditLog.Action.ROLLOUT_PAUSED;
                case "resume" -> AuditLog.Action.ROLLOUT_RESUMED;
                default -> AuditLog.Action.ROLLOUT_ABORTED;
            };
            audit.record(user.dealerId(), user.username(), address, done, "rollout " + id, "");
            SignInServlet.redirect(exchange.response, "/rollouts/" + id);
        } else {
            exchange.text(404, "no such form");
        }
    }

    /** Targets are {@code customer:ID} / {@code site:ID} check boxes and agent ids typed in; the first wave canary sites or a percentage. */
    private void create(Exchange exchange, SessionStore.Session session, Form form, String address) throws Exception {
        UserStore.User user = session.user();
        List<Long> artifacts = new ArrayList<>();
        for (String id : form.all("artifact")) {
            try {
                artifacts.add(Long.parseLong(id));
            } catch (NumberFormatException e) {
                exchange.text(400, "artifact must be a catalogue id");
                return;
            }
        }
        List<RolloutStore.Target> targets = new ArrayList<>();
        for (String target : form.all("target")) {
            String[] parts = target.split(":", 2);
            if (parts.length != 2) {
                exchange.text(400, "a target is customer:ID or site:ID");
                return;
            }
            targets.add(new RolloutStore.Target(parts[0], parts[1]));
        }
        for (String agent : form.get("agents").split("[\\s,]+")) {
            if (!agent.isBlank()) {
                targets.add(new RolloutStore.Target("agent", agent.strip()));
            }
        }
        int percent;
        try {
            percent = form.get("percent").isBlank() ? 0 : Integer.parseInt(form.get("percent").strip());
        } catch (NumberFormatException e) {
            percent = -1;
        }
        List<String> canaries = form.get("wave").equals("canary") ? form.all("canary") : List.of();
        if (form.get("wave").equals("canary") && canaries.isEmpty()) {
            page(exchange, session, "Rollout refused: name at least one canary site, or choose a percentage.", "error");
            return;
        }
        long id;
        try {
            id = rollouts.create(user.dealerId(), form.get("name"), artifacts, targets, canaries, canaries.isEmpty() ? percent : 0, user.username());
        } catch (RolloutStore.Refused e) {
            page(exchange, session, "Rollout refused: " + e.getMessage(), "error");
            return;
        }
        audit.record(user.dealerId(), user.username(), address, AuditLog.Action.ROLLOUT_CREATED, "rollout " + id, form.get("name"));
        SignInServlet.redirect(exchange.response, "/rollouts/" + id);
    }

    /**
     * The catalogue's upload (multipart: {@code csrf}, {@code artifact}, {@code signature}). Parsed by
     * the container (parts beyond 256 KiB go to a temporary file, never whole into memory), on this
     * request's thread: uploads are a dealer's rare act, not agents' traffic. The artifact streams into
     * the catalogue, which hashes it to a temporary file of its own before anything is stored.
     */
    private void upload(Exchange exchange) throws Exception {
        HttpServletRequest request = exchange.request;
        Optional<SessionStore.Session> session = sessions.current(request);
        if (session.isEmpty()) {
            exchange.text(403, "you are not signed in (or your session ended); sign in and try again");
            return;
        }
        UserStore.User user = session.get().user();
        if (!PageServlet.manager(user)) {
            exchange.text(403, "only an admin of all the dealer's customers manages fleet updates");
            return;
        }
        long limit = catalogue.maxBytes() + FORM_SLACK;
        if (request.getContentLengthLong() > limit) {
            exchange.response.setHeader("Connection", "close");
            exchange.text(413, "an artifact may be at most " + catalogue.maxBytes() / 1024 + " KiB (" + RolloutService.PID + " maxArtifactKib)");
            return;
        }
        String type = request.getContentType();
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
            exchange.text(415, "the upload is a multipart/form-data form with the artifact and its .sig");
            return;
        }
        Part csrf;
        Part artifact;
        Part signature;
        try {
            csrf = request.getPart("csrf");
            artifact = request.getPart("artifact");
            signature = request.getPart("signature");
        } catch (IllegalStateException e) {
            exchange.text(413, "an artifact may be at most " + catalogue.maxBytes() / 1024 + " KiB");
            return;
        }
        String token = csrf == null || csrf.getSize() > 200 ? null : new String(csrf.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (!Sessions.sameToken(session.get().csrf(), token)) {
            exchange.text(403, "the form's CSRF token is missing or wrong; reload the page and try again");
            return;
        }
        if (artifact == null || signature == null || artifact.getSize() == 0 || signature.getSize() == 0) {
            page(exchange, session.get(), "Upload refused: choose the artifact and its .sig file.", "error");
            return;
        }
        if (signature.getSize() > ArtifactSignature.MAX_SIG_BYTES) {
            page(exchange, session.get(), "Upload refused: the .sig file may be at most " + ArtifactSignature.MAX_SIG_BYTES + " bytes.", "error");
            return;
        }
        byte[] sig;
        try (InputStream in = signature.getInputStream()) {
            sig = in.readNBytes(ArtifactSignature.MAX_SIG_BYTES + 1);
        }
        ArtifactCatalogue.Artifact stored;
        try (InputStream in = artifact.getInputStream()) {
            stored = catalogue.add(user.dealerId(), in, sig, user.username());
        } catch (ArtifactSignature.Refused e) {
            log.warn("portal: " + user.username() + " uploaded an artifact that was refused: " + e.getMessage());
            page(exchange, session.get(), "Upload refused: " + e.getMessage(), "error");
            return;
        } finally {
            artifact.delete();
        }
        audit.record(user.dealerId(), user.username(), Http.clientAddress(request), AuditLog.Action.ARTIFACT_UPLOADED, "artifact " + stored.id(),
                stored.kind() + " " + stored.symbolicName() + " " + stored.version() + " " + stored.sha256());
        SignInServlet.redirect(exchange.response, "/rollouts");
    }
}
