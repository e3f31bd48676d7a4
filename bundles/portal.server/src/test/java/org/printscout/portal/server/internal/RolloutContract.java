package org.printscout.portal.server.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import javax.sql.DataSource;

import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.service.log.Logger;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * Fleet updates, the portal's side (issue 16, docs/rollout.md), on each database: the catalogue takes
 * only what verifies against a dealer key it holds; agents learn their desired set in the site
 * configuration (ETag: no change, 304), per wave; the second wave starts when the first is healthy; a
 * rollback halts; pause, resume and abort; an agent downloads only what is in its set.
 */
abstract class RolloutContract {

    abstract DataSource freshDatabase() throws Exception;

    DataSource dataSource;
    TenancyStore tenancy;
    ArtifactCatalogue catalogue;
    RolloutStore rollouts;
    Server server;
    Path work;
    final HttpClient http = HttpClient.newHttpClient();
    final List<String> log = new CopyOnWriteArrayList<>();
    KeyPair dealerKey;
    String keyLine;
    /** Agents by site: s1 (c1, 1 agent), s2 (c1, 3 agents), s3 (c2, 1 agent). */
    final Map<String, List<TenancyStore.Activation>> agents = new java.util.LinkedHashMap<>();

    @BeforeEach
    void setUp() throws Exception {
        dataSource = freshDatabase();
        Migrator.migrate(dataSource);
        tenancy = new TenancyStore(dataSource, Clock.systemUTC());
        work = Files.createTempDirectory("artifact-uploads");
        catalogue = new ArtifactCatalogue(dataSource, Clock.systemUTC(), 2 * 1024 * 1024, work);
        rollouts = new RolloutStore(dataSource, Clock.systemUTC());
        tenancy.createDealer("d1", "Dealer One");
        tenancy.createDealer("d2", "Dealer Two");
        tenancy.createCustomer("c1", "d1", "Acme");
        tenancy.createCustomer("c2", "d1", "Globex");
        tenancy.createCustomer("c9", "d2", "Other dealer's");
        tenancy.createSite("s1", "c1", "Acme canary", "{\"configurations\":{}}");
        tenancy.createSite("s2", "c1", "Acme plant", "{\"configurations\":{}}");
        tenancy.createSite("s3", "c2", "Globex HQ", "{\"configurations\":{}}");
        tenancy.createSite("s9", "c9", "Elsewhere", "{\"configurations\":{}}");
        for (String[] site : new String[][] {{"s1", "1"}, {"s2", "3"}, {"s3", "1"}, {"s9", "1"}}) {
            List<TenancyStore.Activation> list = new ArrayList<>();
            for (int i = 0; i < Integer.parseInt(site[1]); i++) {
                list.add(tenancy.activate(tenancy.newActivationKey(site[0]), site[0] + "-pc" + i).orElseThrow());
            }
            agents.put(site[0], list);
        }
        dealerKey = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        keyLine = "printscout-ed25519 " + Base64.getEncoder().encodeToString(dealerKey.getPublic().getEncoded()) + " dealer one 2026";
        catalogue.addKey("d1", keyLine, "admin");
        Logger logger = (Logger) java.lang.reflect.Proxy.newProxyInstance(Logger.class.getClassLoader(), new Class<?>[] {Logger.class},
                (proxy, method, args) -> {
                    if (args != null && args.length > 0 && args[0] instanceof String message) {
                        log.add(message);
                    }
                    return method.getReturnType() == boolean.class ? Boolean.TRUE : method.getReturnType() == String.class ? "test" : null;
                });
        server = new Server(new InetSocketAddress("127.0.0.1", 0));
        ServletContextHandler context = new ServletContextHandler("/");
        for (jakarta.servlet.Filter filter : List.of(new FailureFilter(logger), new SecurityHeadersFilter())) {
            FilterHolder holder = new FilterHolder(filter);
            holder.setAsyncSupported(true);
            context.addFilter(holder, "/*", java.util.EnumSet.of(jakarta.servlet.DispatcherType.REQUEST));
        }
        ServletHolder api = new ServletHolder(new AgentApiServlet(tenancy, new ReportStore(dataSource, Clock.systemUTC()),
                new CommandStore(dataSource, Clock.systemUTC()), new ReportParser(new ReportParser.Limits(64 * 1024, 1024 * 1024, 200)), catalogue,
                rollouts, 64 * 1024, 32 * 1024, logger));
        api.setAsyncSupported(true);
        context.addServlet(api, "/api/*");
        addPages(context, logger);
        server.setHandler(context);
        server.start();
    }

    SignIn signIn;
    Sessions sessions;
    AuditLog audit;

    /** The pages: sign-in and the fleet-updates servlet, as the whiteboard registers them (multipart on for the upload). */
    void addPages(ServletContextHandler context, Logger logger) throws Exception {
        UserStore users = new UserStore(dataSource);
        audit = new AuditLog(dataSource, Clock.systemUTC());
        signIn = new SignIn(users, audit, logger, Clock.systemUTC(), 1);
        sessions = new Sessions(new SessionStore(dataSource, Clock.systemUTC()), audit, logger);
        Templates templates = new Templates();
        ServletHolder signInForm = new ServletHolder(new SignInServlet(signIn, sessions, templates, users, audit, logger));
        signInForm.setAsyncSupported(true);
        context.addServlet(signInForm, "/signin");
        ServletHolder overview = new ServletHolder(new PageServlet(sessions, templates, tenancy, new CommandStore(dataSource, Clock.systemUTC()),
                new ReadModels(dataSource), users, audit));
        overview.setAsyncSupported(true);
        context.addServlet(overview, "/");
        ServletHolder pages = new ServletHolder(new RolloutServlet(sessions, templates, catalogue, rollouts, tenancy, audit, logger));
        pages.setAsyncSupported(true);
        pages.getRegistration().setMultipartConfig(new jakarta.servlet.MultipartConfigElement(work.toString(), RolloutServlet.MAX_MULTIPART,
                RolloutServlet.MAX_MULTIPART, 256 * 1024));
        context.addServlet(pages, "/rollouts");
        context.addServlet(pages, "/rollouts/*");
        users.createUser("admin", "admin-password-1".toCharArray(), UserStore.Role.ADMIN, "d1", List.of());
        users.createUser("tech", "tech-password-12".toCharArray(), UserStore.Role.TECHNICIAN, "d1", List.of());
    }

    @AfterEach
    void tearDown() throws Exception {
        if (server != null) {
            server.stop();
        }
        if (signIn != null) {
            signIn.deactivate();
        }
        if (sessions != null) {
            sessions.deactivate();
        }
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + ((ServerConnector) server.getConnectors()[0]).getLocalPort() + path);
    }

    TenancyStore.Activation agent(String site, int index) {
        return agents.get(site).get(index);
    }

    // ---- signing, as the dealer's CLI does (docs/rollout.md) ----------------------------------------

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    static byte[] bundle(String symbolicName, String version, String payload) throws Exception {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Bundle-ManifestVersion", "2");
        manifest.getMainAttributes().putValue("Bundle-SymbolicName", symbolicName + ";singleton:=true");
        manifest.getMainAttributes().putValue("Bundle-Version", version);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(out, manifest)) {
            jar.putNextEntry(new JarEntry("payload.txt"));
            jar.write(payload.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    static String sig(KeyPair key, String kind, String name, String symbolicName, String version, byte[] content) throws Exception {
        String sha = sha256(content);
        Signature ed = Signature.getInstance("Ed25519");
        ed.initSign(key.getPrivate());
        ed.update(ArtifactSignature.signedBytes(kind, symbolicName, version, sha, content.length));
        JsonObject json = new JsonObject();
        json.addProperty("format", "printscout-signature-1");
        json.addProperty("kind", kind);
        json.addProperty("name", name);
        json.addProperty("symbolicName", symbolicName);
        json.addProperty("version", version);
        json.addProperty("sha256", sha);
        json.addProperty("size", content.length);
        json.addProperty("keyId", ArtifactSignature.keyId(key.getPublic().getEncoded()));
        json.addProperty("signature", Base64.getEncoder().encodeToString(ed.sign()));
        return json.toString();
    }

    ArtifactCatalogue.Artifact addBundle(String symbolicName, String version) throws Exception {
        byte[] jar = bundle(symbolicName, version, "build of " + version);
        String name = symbolicName + "-" + version + ".jar";
        return catalogue.add("d1", new ByteArrayInputStream(jar), sig(dealerKey, "bundle", name, symbolicName, version, jar).getBytes(StandardCharsets.UTF_8),
                "admin");
    }

    String refusal(byte[] content, String sig) {
        ArtifactSignature.Refused refused = assertThrows(ArtifactSignature.Refused.class,
                () -> catalogue.add("d1", new ByteArrayInputStream(content), sig.getBytes(StandardCharsets.UTF_8), "admin"));
        return refused.getMessage();
    }

    // ---- the agent's side of the API ---------------------------------------------------------------

    HttpResponse<String> config(TenancyStore.Activation agent, String etag) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri("/api/v1/agents/" + agent.agentId() + "/config")).header("Authorization", basic(agent));
        if (etag != null) {
            request.header("If-None-Match", etag);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The artifacts member the agent is handed now, or null when there is none. */
    JsonObject artifacts(TenancyStore.Activation agent) throws Exception {
        HttpResponse<String> answer = config(agent, null);
        assertEquals(200, answer.statusCode(), answer.body());
        JsonObject document = JsonParser.parseString(answer.body()).getAsJsonObject();
        return document.has("artifacts") ? document.getAsJsonObject("artifacts") : null;
    }

    HttpResponse<String> status(TenancyStore.Activation agent, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(uri("/api/v1/agents/" + agent.agentId() + "/rollout-status")).header("Authorization", basic(agent))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    void report(TenancyStore.Activation agent, String setId, String state) throws Exception {
        JsonObject body = new JsonObject();
        body.addProperty("setId", setId);
        body.addProperty("state", state);
        body.addProperty("reason", state.equals("rolled back") ? "org.printscout.mib.acme did not resolve: missing package" : "");
        body.add("items", new JsonArray());
        HttpResponse<String> answer = status(agent, body.toString());
        assertEquals(204, answer.statusCode(), answer.body());
    }

    HttpResponse<byte[]> download(TenancyStore.Activation agent, String sha256) throws Exception {
        return http.send(HttpRequest.newBuilder(uri("/api/v1/agents/" + agent.agentId() + "/artifacts/" + sha256)).header("Authorization", basic(agent))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static String basic(TenancyStore.Activation agent) {
        return PortalContract.basic(agent.agentId(), agent.secret());
    }

    RolloutStore.Rollout rollout(long id) throws Exception {
        return rollouts.rollout("d1", id).orElseThrow();
    }

    long canaryRollout(ArtifactCatalogue.Artifact... set) throws Exception {
        return rollouts.create("d1", "acme 1.2.0", java.util.Arrays.stream(set).map(ArtifactCatalogue.Artifact::id).toList(),
                List.of(new RolloutStore.Target("customer", "c1")), List.of("s1"), 0, "admin");
    }

    // ---- the catalogue ------------------------------------------------------------------------------

    @Test
    void theCatalogueKeepsAVerifiedBundleWithItsSignature() throws Exception {
        ArtifactCatalogue.Artifact stored = addBundle("org.printscout.mib.acme", "1.2.0");
        assertEquals("org.printscout.mib.acme", stored.symbolicName());
        assertEquals(List.of(stored.sha256()), catalogue.artifacts("d1").stream().map(ArtifactCatalogue.Artifact::sha256).toList());
        assertEquals(List.of(), catalogue.artifacts("d2"), "another dealer's catalogue is apart");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        assertTrue(catalogue.read(stored.id(), in -> in.transferTo(bytes)));
        assertEquals(stored.sha256(), sha256(bytes.toByteArray()));
        assertEquals(stored.size(), bytes.size());
        byte[] mapping = "<mappings xmlns=\"urn:printscout:mapping:1\"/>".getBytes(StandardCharsets.UTF_8);
        ArtifactCatalogue.Artifact file = catalogue.add("d1", new ByteArrayInputStream(mapping),
                sig(dealerKey, "mapping", "acme-x100.mapping.xml", "acme-x100", "3", mapping).getBytes(StandardCharsets.UTF_8), "admin");
        assertEquals("mapping", file.kind());
        assertTrue(refusal(bundle("org.printscout.mib.acme", "1.2.0", "another build"), sig(dealerKey, "bundle", "acme.jar", "org.printscout.mib.acme",
                "1.2.0", bundle("org.printscout.mib.acme", "1.2.0", "another build"))).contains("a new build needs a new version"));
    }

    @Test
    void theCatalogueRefusesABadSignatureAChangedByteAnUnknownKeyAndAManifestMismatch() throws Exception {
        byte[] jar = bundle("org.printscout.mib.acme", "1.2.0", "good");
        String good = sig(dealerKey, "bundle", "acme.jar", "org.printscout.mib.acme", "1.2.0", jar);
        // a changed byte: the same length, one byte different
        byte[] changed = jar.clone();
        changed[changed.length / 2] ^= 1;
        assertTrue(refusal(changed, good).contains("a changed byte"), refusal(changed, good));
        // a cut file
        assertTrue(refusal(java.util.Arrays.copyOf(jar, jar.length - 1), good).contains("changed or cut"));
        // a signed field changed after signing (the version), signature kept
        String bumped = good.replace("\"version\":\"1.2.0\"", "\"version\":\"1.3.0\"");
        assertTrue(refusal(jar, bumped).contains("does not verify"), refusal(jar, bumped));
        // a signature over other bytes
        JsonObject wrongSignature = JsonParser.parseString(good).getAsJsonObject();
        wrongSignature.addProperty("signature", JsonParser.parseString(sig(dealerKey, "bundle", "acme.jar", "org.printscout.mib.acme", "1.2.0",
                bundle("x", "1", "y"))).getAsJsonObject().get("signature").getAsString());
        assertTrue(refusal(jar, wrongSignature.toString()).contains("does not verify"));
        // an unknown key (another pair, not added)
        KeyPair stranger = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        String strangers = sig(stranger, "bundle", "acme.jar", "org.printscout.mib.acme", "1.2.0", jar);
        assertTrue(refusal(jar, strangers).contains("not one of this dealer's keys"), refusal(jar, strangers));
        // another dealer's key does not sign for this one
        catalogue.addKey("d2", "printscout-ed25519 " + Base64.getEncoder().encodeToString(stranger.getPublic().getEncoded()) + " d2", "admin");
        assertTrue(refusal(jar, strangers).contains("not one of this dealer's keys"));
        // a manifest that names another bundle or version than the signed ones
        byte[] other = bundle("org.printscout.mib.other", "1.2.0", "x");
        assertTrue(refusal(other, sig(dealerKey, "bundle", "acme.jar", "org.printscout.mib.acme", "1.2.0", other)).contains("Bundle-SymbolicName"));
        byte[] older = bundle("org.printscout.mib.acme", "1.1.0", "x");
        assertTrue(refusal(older, sig(dealerKey, "bundle", "acme.jar", "org.printscout.mib.acme", "1.2.0", older)).contains("Bundle-Version"));
        byte[] notAJar = "not a jar".getBytes(StandardCharsets.UTF_8);
        assertTrue(refusal(notAJar, sig(dealerKey, "bundle", "acme.jar", "org.printscout.mib.acme", "1.2.0", notAJar)).contains("must be a jar"));
        // no .sig, a .sig of another format
        assertTrue(refusal(jar, "").contains("not JSON"));
        assertTrue(refusal(jar, good.replace("printscout-signature-1", "printscout-signature-2")).contains("format"));
        assertEquals(List.of(), catalogue.artifacts("d1"), "nothing refused was stored");
        try (java.util.stream.Stream<Path> left = Files.list(work)) {
            assertEquals(0, left.count(), "no temporary file is left behind");
        }
    }

    @Test
    void anUploadBeyondTheLimitIsRefusedWhileStreaming() throws Exception {
        ArtifactCatalogue small = new ArtifactCatalogue(dataSource, Clock.systemUTC(), 1000, work);
        byte[] noise = new byte[5000];
        new java.util.Random(1).nextBytes(noise);
        byte[] jar = bundle("org.printscout.mib.acme", "1.2.0", Base64.getEncoder().encodeToString(noise));
        String sig = sig(dealerKey, "bundle", "acme.jar", "org.printscout.mib.acme", "1.2.0", jar);
        assertTrue(assertThrows(ArtifactSignature.Refused.class, () -> small.add("d1", new ByteArrayInputStream(jar), sig.getBytes(StandardCharsets.UTF_8),
                "admin")).getMessage().contains("at most 1000"));
        // a .sig that understates the size does not get past the limit either: the stream is cut at the limit
        String lying = sig.replaceAll("\"size\":[0-9]+", "\"size\":10");
        assertTrue(assertThrows(ArtifactSignature.Refused.class, () -> small.add("d1", new ByteArrayInputStream(jar),
                lying.getBytes(StandardCharsets.UTF_8), "admin")).getMessage().contains("longer than the portal's limit"));
    }

    @Test
    void dealerKeysAreCheckedAddedOnceAndRemoved() throws Exception {
        assertThrows(ArtifactSignature.Refused.class, () -> catalogue.addKey("d1", keyLine, "admin"));
        assertThrows(ArtifactSignature.Refused.class, () -> catalogue.addKey("d1", "ssh-ed25519 AAAA x", "admin"));
        assertThrows(ArtifactSignature.Refused.class, () -> catalogue.addKey("d1", "printscout-ed25519 bm90IGEga2V5 x", "admin"));
        String ecdsa = Base64.getEncoder().encodeToString(KeyPairGenerator.getInstance("EC").generateKeyPair().getPublic().getEncoded());
        assertThrows(ArtifactSignature.Refused.class, () -> catalogue.addKey("d1", "printscout-ed25519 " + ecdsa + " ec", "admin"));
        List<ArtifactCatalogue.KeyRow> keys = catalogue.keys("d1");
        assertEquals(1, keys.size());
        assertEquals(keyLine, keys.get(0).line());
        assertEquals(ArtifactSignature.keyId(dealerKey.getPublic().getEncoded()), keys.get(0).keyId());
        assertFalse(catalogue.removeKey("d2", keys.get(0).id()), "only its dealer removes a key");
        assertTrue(catalogue.removeKey("d1", keys.get(0).id()));
        byte[] jar = bundle("org.printscout.mib.acme", "1.2.0", "x");
        assertTrue(refusal(jar, sig(dealerKey, "bundle", "a.jar", "org.printscout.mib.acme", "1.2.0", jar)).contains("not one of this dealer's keys"));
    }

    @Test
    void theActivationAnswerCarriesTheDealersKeys() throws Exception {
        String key = tenancy.newActivationKey("s3");
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(uri("/api/v1/activate"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"activationKey\":\"" + key + "\",\"hostname\":\"h\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode(), answer.body());
        JsonArray keys = JsonParser.parseString(answer.body()).getAsJsonObject().getAsJsonArray("artifactKeys");
        assertEquals(1, keys.size());
        assertEquals(keyLine, keys.get(0).getAsString());
        String other = tenancy.newActivationKey("s9");
        HttpResponse<String> elsewhere = http.send(HttpRequest.newBuilder(uri("/api/v1/activate"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"activationKey\":\"" + other + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(0, JsonParser.parseString(elsewhere.body()).getAsJsonObject().getAsJsonArray("artifactKeys").size(), "another dealer's agent: none");
    }

    // ---- rollouts -----------------------------------------------------------------------------------

    @Test
    void theFirstWaveGetsTheSetAndTheRestWaitsWithTheConfigurationUnchanged() throws Exception {
        TenancyStore.Activation canary = agent("s1", 0);
        TenancyStore.Activation later = agent("s2", 0);
        HttpResponse<String> before = config(later, null);
        assertEquals(null, artifacts(canary), "no rollout: no artifacts member, the agent changes nothing");
        ArtifactCatalogue.Artifact acme = addBundle("org.printscout.mib.acme", "1.2.0");
        long id = canaryRollout(acme);
        JsonObject handed = artifacts(canary);
        assertEquals(rollout(id).setId(), handed.get("setId").getAsString());
        JsonObject item = handed.getAsJsonArray("items").get(0).getAsJsonObject();
        assertEquals("bundle", item.get("kind").getAsString());
        assertEquals("org.printscout.mib.acme", item.get("symbolicName").getAsString());
        assertEquals("1.2.0", item.get("version").getAsString());
        assertEquals(acme.sha256(), item.get("sha256").getAsString());
        assertEquals(acme.size(), item.get("size").getAsLong());
        assertEquals(acme.keyId(), item.get("keyId").getAsString());
        assertEquals(acme.signature(), item.get("signature").getAsString());
        assertEquals("api/v1/agents/" + canary.agentId() + "/artifacts/" + acme.sha256(), item.get("url").getAsString());
        assertEquals(304, config(later, before.headers().firstValue("ETag").orElseThrow()).statusCode(), "the second wave has not started: no change");
        assertEquals(null, artifacts(agent("s3", 0)), "not targeted");
        assertEquals(null, artifacts(agent("s9", 0)), "another dealer's agent");
        assertEquals(List.of(1, 2, 2, 2), rollouts.agents(id).stream().map(RolloutStore.AgentRow::wave).toList());
        assertEquals(4, rollouts.counts(id).get("pending"));
    }

    @Test
    void aPercentageFirstWaveIsAtLeastOneAgentChosenAmongTheTargets() throws Exception {
        ArtifactCatalogue.Artifact acme = addBundle("org.printscout.mib.acme", "1.2.0");
        long id = rollouts.create("d1", "five percent", List.of(acme.id()), List.of(new RolloutStore.Target("customer", "c1"),
                new RolloutStore.Target("site", "s3")), List.of(), 5, "admin");
        List<RolloutStore.AgentRow> rows = rollouts.agents(id);
        assertEquals(5, rows.size());
        assertEquals(1, rows.stream().filter(r -> r.wave() == 1).count(), "5 % of 5 agents, rounded up");
        int handed = 0;
        for (List<TenancyStore.Activation> site : agents.values()) {
            for (TenancyStore.Activation a : site) {
                handed += artifacts(a) == null ? 0 : 1;
            }
        }
        assertEquals(1, handed);
        long all = rollouts.create("d1", "everyone", List.of(acme.id()), List.of(new RolloutStore.Target("agent", agent("s3", 0).agentId())), List.of(), 100,
                "admin");
        assertEquals(List.of(1), rollouts.agents(all).stream().map(RolloutStore.AgentRow::wave).toList());
    }

    @Test
    void aRolloutIsRefusedWithTheReason() throws Exception {
        ArtifactCatalogue.Artifact acme = addBundle("org.printscout.mib.acme", "1.2.0");
        ArtifactCatalogue.Artifact newer = addBundle("org.printscout.mib.acme", "1.3.0");
        List<RolloutStore.Target> c1 = List.of(new RolloutStore.Target("customer", "c1"));
        assertThrows(RolloutStore.Refused.class, () -> rollouts.create("d1", "x", List.of(), c1, List.of(), 10, "a"));
        assertTrue(assertThrows(RolloutStore.Refused.class, () -> rollouts.create("d1", "x", List.of(acme.id(), newer.id()), c1, List.of(), 10, "a"))
                .getMessage().contains("two versions"));
        assertThrows(RolloutStore.Refused.class, () -> rollouts.create("d2", "x", List.of(acme.id()), List.of(new RolloutStore.Target("customer", "c9")),
                List.of(), 10, "a"), "another dealer's artifact");
        assertThrows(RolloutStore.Refused.class, () -> rollouts.create("d1", "x", List.of(acme.id()), List.of(new RolloutStore.Target("customer", "c9")),
                List.of(), 10, "a"), "another dealer's customer");
        assertThrows(RolloutStore.Refused.class, () -> rollouts.create("d1", "x", List.of(acme.id()), c1, List.of("s3"), 0, "a"), "canary not targeted");
        assertThrows(RolloutStore.Refused.class, () -> rollouts.create("d1", "x", List.of(acme.id()), c1, List.of(), 0, "a"), "no first wave");
        assertThrows(RolloutStore.Refused.class, () -> rollouts.create("d1", "x", List.of(acme.id()), List.of(), List.of(), 10, "a"), "no targets");
        assertEquals(List.of(), rollouts.rollouts("d1"));
    }

    /** Activates a new agent at {@code site} the way an agent does, over the API. */
    TenancyStore.Activation activateOverHttp(String site) throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(uri("/api/v1/activate"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"activationKey\":\"" + tenancy.newActivationKey(site) + "\",\"hostname\":\"late\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode(), answer.body());
        JsonObject body = JsonParser.parseString(answer.body()).getAsJsonObject();
        return new TenancyStore.Activation(body.get("agentId").getAsString(), body.get("secret").getAsString(), body.get("siteId").getAsString());
    }

    @Test
    void anAgentActivatedLaterAtATargetedSiteJoinsTheSecondWaveAndADoneRolloutRunsUntilItIsHealthy() throws Exception {
        ArtifactCatalogue.Artifact acme = addBundle("org.printscout.mib.acme", "1.2.0");
        long id = canaryRollout(acme);
        String setId = rollout(id).setId();
        TenancyStore.Activation early = activateOverHttp("s2");
        assertEquals(null, artifacts(early), "joined in the second wave, which has not started");
        report(agent("s1", 0), setId, "healthy");
        assertEquals(setId, artifacts(early).get("setId").getAsString(), "the widened rollout hands it the set");
        for (TenancyStore.Activation a : agents.get("s2")) {
            report(a, setId, "healthy");
        }
        report(early, setId, "healthy");
        assertEquals(RolloutStore.State.DONE, rollout(id).state());

        TenancyStore.Activation late = activateOverHttp("s2");
        assertEquals(RolloutStore.State.RUNNING, rollout(id).state(), "a newcomer makes a done rollout run again");
        assertEquals(setId, artifacts(late).get("setId").getAsString());
        assertEquals(2, rollouts.agents(id).stream().filter(a -> a.agentId().equals(late.agentId())).findFirst().orElseThrow().wave());
        report(late, setId, "healthy");
        assertEquals(RolloutStore.State.DONE, rollout(id).state());
        assertEquals(6, rollouts.agents(id).size());

        assertEquals(null, artifacts(activateOverHttp("s3")), "another customer's site is not targeted");
        assertEquals(6, rollouts.agents(id).size());
        long aborted = canaryRollout(acme);
        rollouts.abort("d1", aborted);
        TenancyStore.Activation newcomer = activateOverHttp("s1");
        assertTrue(rollouts.agents(aborted).stream().noneMatch(a -> a.agentId().equals(newcomer.agentId())), "an aborted rollout takes no newcomer");
        assertTrue(rollouts.agents(id).stream().anyMatch(a -> a.agentId().equals(newcomer.agentId())), "the newest rollout in effect does");
        report(newcomer, setId, "healthy");

        long newest = canaryRollout(acme);
        String another = activateOverHttp("s1").agentId();
        assertTrue(rollouts.agents(newest).stream().anyMatch(a -> a.agentId().equals(another)), "the newest rollout in effect takes it");
        assertTrue(rollouts.agents(id).stream().noneMatch(a -> a.agentId().equals(another)),
                "an older rollout it would never report to does not: it stays done");
        assertEquals(RolloutStore.State.DONE, rollout(id).state());
    }

    @Test
    void theSecondWaveStartsWhenEveryAgentOfTheFirstIsHealthyAndTheRolloutEndsDone() throws Exception {
        ArtifactCatalogue.Artifact acme = addBundle("org.printscout.mib.acme", "1.2.0");
        long id = canaryRollout(acme);
        String setId = rollout(id).setId();
        TenancyStore.Activation canary = agent("s1", 0);
        HttpResponse<String> waiting = config(agent("s2", 1), null);
        String etag = waiting.headers().firstValue("ETag").orElseThrow();
        report(canary, setId, "downloading");
        report(canary, setId, "installed");
        assertEquals(1, rollout(id).currentWave());
        assertEquals(304, config(agent("s2", 1), etag).statusCode(), "installed is not healthy: the wave waits");
        report(canary, setId, "healthy");
        assertEquals(2, rollout(id).currentWave());
        assertEquals(RolloutStore.State.RUNNING, rollout(id).state());
        HttpResponse<String> widened = config(agent("s2", 1), etag);
        assertEquals(200, widened.statusCode(), "the set reached the second wave: the ETag changed");
        assertTrue(widened.body().contains(setId));
        for (TenancyStore.Activation a : agents.get("s2")) {
            assertEquals(setId, artifacts(a).get("setId").getAsString());
            report(a, setId, "healthy");
        }
        assertEquals(RolloutStore.State.DONE, rollout(id).state());
        assertEquals(4, rollouts.counts(id).get("healthy"));
        assertEquals(setId, artifacts(canary).get("setId").getAsString(), "a done rollout's set stays the agents' desired set");
    }

    @Test
    void aRollbackInTheFirstWaveHaltsTheRollout() throws Exception {
        ArtifactCatalogue.Artifact acme = addBundle("org.printscout.mib.acme", "1.2.0");
        long id = rollouts.create("d1", "two canaries", List.of(acme.id()), List.of(new RolloutStore.Target("customer", "c1")), List.of("s2"), 0, "admin");
        String setId = rollout(id).setId();
        report(agent("s2", 0), setId, "healthy");
        report(agent("s2", 1), setId, "installed");
        report(agent("s2", 2), setId, "rolled back");
        RolloutStore.Rollout halted = rollout(id);
        assertEquals(RolloutStore.State.HALTED, halted.state());
        assertEquals(1, halted.currentWave());
        assertTrue(halted.reason().contains(agent("s2", 2).agentId() + " rolled back: org.printscout.mib.acme did not resolve"), halted.reason());
        report(agent("s2", 1), setId, "healthy");
        report(agent("s2", 2), setId, "healthy");
        assertEquals(1, rollout(id).currentWave(), "a halted rollout does not widen");
        assertEquals(null, artifacts(agent("s1", 0)), "the second wave never got it");
        assertTrue(log.stream().anyMatch(line -> line.contains("rolled back artifact set")), String.valueOf(log));
        // a refusal (bad signature, downgrade) halts the same way
        ArtifactCatalogue.Artifact other = addBundle("org.printscout.mib.other", "1.0.0");
        long second = canaryRollout(other);
        report(agent("s1", 0), rollout(second).setId(), "refused");
        assertEquals(RolloutStore.State.HALTED, rollout(second).state());
    }

    @Test
    void aHaltedOrAbortedRolloutStaysOnlyWithTheAgentsThatInstalledIt() throws Exception {
        ArtifactCatalogue.Artifact v1 = addBundle("org.printscout.mib.acme", "1.1.0");
        long first = rollouts.create("d1", "1.1.0 everywhere", List.of(v1.id()), List.of(new RolloutStore.Target("customer", "c1")), List.of(), 100,
                "admin");
        String firstSet = rollout(first).setId();
        for (TenancyStore.Activation a : List.of(agent("s1", 0), agent("s2", 0), agent("s2", 1), agent("s2", 2))) {
            report(a, firstSet, "healthy");
        }
        assertEquals(RolloutStore.State.DONE, rollout(first).state());
        ArtifactCatalogue.Artifact v2 = addBundle("org.printscout.mib.acme", "1.2.0");
        long second = rollouts.create("d1", "1.2.0 to s2", List.of(v2.id()), List.of(new RolloutStore.Target("site", "s2")), List.of("s2"), 0, "admin");
        String secondSet = rollout(second).setId();
        assertEquals(secondSet, artifacts(agent("s2", 0)).get("setId").getAsString(), "the newer rollout takes over");
        assertEquals(firstSet, artifacts(agent("s1", 0)).get("setId").getAsString(), "an agent it does not target keeps the older set");
        report(agent("s2", 0), secondSet, "healthy");
        report(agent("s2", 1), secondSet, "downloading");
        report(agent("s2", 2), secondSet, "rolled back");
        assertEquals(RolloutStore.State.HALTED, rollout(second).state());
        assertEquals(secondSet, artifacts(agent("s2", 0)).get("setId").getAsString(), "the healthy agent keeps what it has");
        assertEquals(firstSet, artifacts(agent("s2", 1)).get("setId").getAsString(), "one that had not got it goes back to the set before");
        assertEquals(firstSet, artifacts(agent("s2", 2)).get("setId").getAsString(), "the one that rolled back is handed the set it runs");
        rollouts.abort("d1", second);
        assertEquals(RolloutStore.State.ABORTED, rollout(second).state());
        assertEquals(secondSet, artifacts(agent("s2", 0)).get("setId").getAsString(), "abort takes nothing away from an agent that has the set");
        assertEquals(firstSet, artifacts(agent("s2", 1)).get("setId").getAsString());
        assertThrows(RolloutStore.Refused.class, () -> rollouts.resume("d1", second));
        assertThrows(RolloutStore.Refused.class, () -> rollouts.abort("d1", first), "a done rollout is not aborted");
    }

    @Test
    void pauseHoldsTheNextWaveAndResumeStartsIt() throws Exception {
        ArtifactCatalogue.Artifact acme = addBundle("org.printscout.mib.acme", "1.2.0");
        long id = canaryRollout(acme);
        String setId = rollout(id).setId();
        rollouts.pause("d1", id);
        assertEquals(RolloutStore.State.PAUSED, rollout(id).state());
        assertThrows(RolloutStore.Refused.class, () -> rollouts.pause("d1", id), "paused already");
        assertThrows(RolloutStore.Refused.class, () -> rollouts.pause("d2", id), "another dealer's rollout");
        assertEquals(setId, artifacts(agent("s1", 0)).get("setId").getAsString(), "paused after reaching the canary: it keeps the set");
        report(agent("s1", 0), setId, "healthy");
        assertEquals(1, rollout(id).currentWave(), "paused: the healthy wave does not widen");
        assertEquals(null, artifacts(agent("s2", 0)));
        rollouts.resume("d1", id);
        assertEquals(RolloutStore.State.RUNNING, rollout(id).state());
        assertEquals(2, rollout(id).currentWave(), "resumed with a healthy first wave: the rest starts at once");
        assertEquals(setId, artifacts(agent("s2", 0)).get("setId").getAsString());
        rollouts.abort("d1", id);
        assertEquals(null, artifacts(agent("s2", 0)), "aborted before it installed: no longer handed the set");
        assertEquals(setId, artifacts(agent("s1", 0)).get("setId").getAsString(), "aborted after it was healthy: kept");
    }

    @Test
    void anAgentDownloadsOnlyWhatIsInItsDesiredSet() throws Exception {
        ArtifactCatalogue.Artifact acme = addBundle("org.printscout.mib.acme", "1.2.0");
        ArtifactCatalogue.Artifact notRolled = addBundle("org.printscout.mib.other", "1.0.0");
        canaryRollout(acme);
        HttpResponse<byte[]> got = download(agent("s1", 0), acme.sha256());
        assertEquals(200, got.statusCode());
        assertEquals("application/octet-stream", got.headers().firstValue("Content-Type").orElseThrow());
        assertEquals(acme.sha256(), sha256(got.body()));
        assertArrayEquals(bundle("org.printscout.mib.acme", "1.2.0", "build of 1.2.0"), got.body());
        assertEquals(404, download(agent("s1", 0), notRolled.sha256()).statusCode(), "in the catalogue, not in the agent's set");
        assertEquals(404, download(agent("s2", 0), acme.sha256()).statusCode(), "its wave has not started");
        assertEquals(404, download(agent("s9", 0), acme.sha256()).statusCode(), "another dealer's agent");
        assertEquals(404, download(agent("s1", 0), "0".repeat(64)).statusCode());
        HttpResponse<byte[]> foreign = http.send(HttpRequest.newBuilder(uri("/api/v1/agents/" + agent("s1", 0).agentId() + "/artifacts/" + acme.sha256()))
                .header("Authorization", basic(agent("s2", 0))).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(403, foreign.statusCode(), "another agent's path");
        HttpResponse<byte[]> anonymous = http.send(HttpRequest.newBuilder(uri("/api/v1/agents/" + agent("s1", 0).agentId() + "/artifacts/"
                + acme.sha256())).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(401, anonymous.statusCode());
    }

    @Test
    void theEtagStaysWithoutAChangeAndMovesWithTheSet() throws Exception {
        ArtifactCatalogue.Artifact acme = addBundle("org.printscout.mib.acme", "1.2.0");
        TenancyStore.Activation canary = agent("s1", 0);
        String plain = config(canary, null).headers().firstValue("ETag").orElseThrow();
        long id = canaryRollout(acme);
        HttpResponse<String> first = config(canary, plain);
        assertEquals(200, first.statusCode(), "a new set is a change");
        String etag = first.headers().firstValue("ETag").orElseThrow();
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> again = config(canary, etag);
            assertEquals(304, again.statusCode());
            assertEquals(etag, again.headers().firstValue("ETag").orElseThrow());
        }
        report(canary, rollout(id).setId(), "installed");
        assertEquals(304, config(canary, etag).statusCode(), "the agent's own report changes nothing it is handed");
        rollouts.pause("d1", id);
        assertEquals(304, config(canary, etag).statusCode(), "pausing keeps the set where it reached");
    }

    @Test
    void aRolloutStatusIsValidatedAndBounded() throws Exception {
        ArtifactCatalogue.Artifact acme = addBundle("org.printscout.mib.acme", "1.2.0");
        long id = canaryRollout(acme);
        String setId = rollout(id).setId();
        TenancyStore.Activation canary = agent("s1", 0);
        assertEquals(400, status(canary, "{\"state\":\"healthy\"}").statusCode(), "no setId");
        HttpResponse<String> badState = status(canary, "{\"setId\":\"" + setId + "\",\"state\":\"great\"}");
        assertEquals(400, badState.statusCode());
        assertTrue(badState.body().contains("state must be one of"), badState.body());
        assertEquals(400, status(canary, "{\"setId\":\"" + setId + "\",\"state\":\"failed\",\"reason\":\"" + "x".repeat(2001) + "\"}").statusCode());
        assertEquals(400, status(canary, "{\"setId\":\"" + setId + "\",\"state\":\"installed\",\"items\":[{\"symbolicName\":\"a\"}]}").statusCode());
        assertEquals(400, status(canary, "{\"setId\":\"" + setId + "\",\"state\":\"installed\",\"items\":{}}").statusCode());
        assertEquals(400, status(canary, "not json").statusCode());
        assertEquals(413, status(canary, "{\"setId\":\"" + setId + "\",\"reason\":\"" + "x".repeat(70 * 1024) + "\"}").statusCode());
        assertEquals(404, status(canary, "{\"setId\":\"r999-0123456789abcdef\",\"state\":\"healthy\"}").statusCode(), "no such set");
        assertEquals(404, status(agent("s3", 0), "{\"setId\":\"" + setId + "\",\"state\":\"healthy\"}").statusCode(), "not one of the rollout's agents");
        String wrongHash = setId.substring(0, setId.length() - 1) + (setId.endsWith("0") ? "1" : "0");
        assertEquals(404, status(canary, "{\"setId\":\"" + wrongHash + "\",\"state\":\"healthy\"}").statusCode(), "wrong hash");
        HttpResponse<String> ok = status(canary, "{\"setId\":\"" + setId + "\",\"state\":\"installed\",\"reason\":\"\",\"items\":[{\"symbolicName\":"
                + "\"org.printscout.mib.acme\",\"version\":\"1.2.0\",\"state\":\"installed\",\"reason\":\"\"}]}");
        assertEquals(204, ok.statusCode(), ok.body());
        RolloutStore.AgentRow row = rollouts.agents(id).get(0);
        assertEquals("installed", row.state());
        assertEquals(canary.agentId(), row.agentId());
        assertEquals(RolloutStore.State.RUNNING, rollout(id).state(), "nothing refused moved the rollout");
    }

    // ---- the pages ----------------------------------------------------------------------------------

    private static final java.util.regex.Pattern CSRF = java.util.regex.Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

    /** A signed-in person: the session cookie and the page's CSRF token. */
    record Browser(String cookie, String csrf) {
    }

    Browser signIn(String user, String password) throws Exception {
        HttpResponse<String> form = http.send(HttpRequest.newBuilder(uri("/signin")).build(), HttpResponse.BodyHandlers.ofString());
        java.util.regex.Matcher token = CSRF.matcher(form.body());
        assertTrue(token.find(), form.body());
        String formCookie = cookie(form, "printscout_signin");
        HttpResponse<String> posted = http.send(HttpRequest.newBuilder(uri("/signin")).header("Cookie", formCookie)
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString("csrf=" + token.group(1)
                        + "&username=" + user + "&password=" + password)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(303, posted.statusCode(), posted.body());
        String session = cookie(posted, "printscout_session");
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(uri("/")).header("Cookie", session).build(), HttpResponse.BodyHandlers.ofString());
        java.util.regex.Matcher csrf = CSRF.matcher(page.body());
        assertTrue(csrf.find(), page.body());
        return new Browser(session, csrf.group(1));
    }

    private static String cookie(HttpResponse<?> response, String name) {
        for (String header : response.headers().allValues("Set-Cookie")) {
            if (header.startsWith(name + "=")) {
                return header.split(";", 2)[0];
            }
        }
        throw new AssertionError("no cookie " + name + " in " + response.headers().map());
    }

    HttpResponse<String> get(Browser browser, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).header("Cookie", browser.cookie()).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(Browser browser, String path, String form) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).header("Cookie", browser.cookie()).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> upload(Browser browser, String csrf, byte[] artifact, String sig) throws Exception {
        String boundary = "----printscout" + System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        String crlf = "\r\n";
        body.write(("--" + boundary + crlf + "Content-Disposition: form-data; name=\"csrf\"" + crlf + crlf + csrf + crlf).getBytes(StandardCharsets.UTF_8));
        body.write(("--" + boundary + crlf + "Content-Disposition: form-data; name=\"artifact\"; filename=\"acme.jar\"" + crlf
                + "Content-Type: application/java-archive" + crlf + crlf).getBytes(StandardCharsets.UTF_8));
        body.write(artifact);
        body.write((crlf + "--" + boundary + crlf + "Content-Disposition: form-data; name=\"signature\"; filename=\"acme.jar.sig\"" + crlf
                + "Content-Type: application/json" + crlf + crlf + sig + crlf + "--" + boundary + "--" + crlf).getBytes(StandardCharsets.UTF_8));
        return http.send(HttpRequest.newBuilder(uri("/rollouts/catalogue")).header("Cookie", browser.cookie())
                .header("Content-Type", "multipart/form-data; boundary=" + boundary).POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static String form(String... pairs) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < pairs.length; i += 2) {
            out.append(out.length() == 0 ? "" : "&").append(pairs[i]).append('=').append(java.net.URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
        }
        return out.toString();
    }

    @Test
    void theFleetUpdatesPageManagesKeysCatalogueAndRolloutsForAdminsOnly() throws Exception {
        Browser tech = signIn("tech", "tech-password-12");
        assertEquals(403, get(tech, "/rollouts").statusCode(), "a technician does not manage fleet updates");
        assertFalse(get(tech, "/").body().contains("href=\"/rollouts\""), "no link for a technician");
        Browser admin = signIn("admin", "admin-password-1");
        assertTrue(get(admin, "/").body().contains("href=\"/rollouts\""), "the layout links the page for managers");
        HttpResponse<String> page = get(admin, "/rollouts");
        assertEquals(200, page.statusCode(), page.body());
        assertTrue(page.body().contains(ArtifactSignature.keyId(dealerKey.getPublic().getEncoded())), "the key is listed");
        // keys: CSRF, a refusal with the reason, added, removed
        KeyPair second = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        String secondLine = "printscout-ed25519 " + Base64.getEncoder().encodeToString(second.getPublic().getEncoded()) + " <b>second</b>";
        assertEquals(403, post(admin, "/rollouts/keys", form("key", secondLine)).statusCode(), "no CSRF token");
        HttpResponse<String> refusedKey = post(admin, "/rollouts/keys", form("csrf", admin.csrf(), "key", "ssh-rsa AAAA"));
        assertEquals(400, refusedKey.statusCode());
        assertTrue(refusedKey.body().contains("Key refused"), refusedKey.body());
        assertEquals(303, post(admin, "/rollouts/keys", form("csrf", admin.csrf(), "key", secondLine)).statusCode());
        String withKey = get(admin, "/rollouts").body();
        assertTrue(withKey.contains("&lt;b&gt;second&lt;/b&gt;") && !withKey.contains("<b>second"), "the comment is escaped");
        long secondId = catalogue.keys("d1").get(1).id();
        assertEquals(303, post(admin, "/rollouts/keys/" + secondId + "/delete", form("csrf", admin.csrf())).statusCode());
        assertEquals(1, catalogue.keys("d1").size());
        // the catalogue's upload: CSRF, a changed byte refused with the reason, a good one stored
        byte[] jar = bundle("org.printscout.mib.acme", "1.2.0", "page upload");
        String sig = sig(dealerKey, "bundle", "org.printscout.mib.acme-1.2.0.jar", "org.printscout.mib.acme", "1.2.0", jar);
        assertEquals(403, upload(admin, "wrong", jar, sig).statusCode());
        byte[] changed = jar.clone();
        changed[10] ^= 1;
        HttpResponse<String> refused = upload(admin, admin.csrf(), changed, sig);
        assertEquals(400, refused.statusCode());
        assertTrue(refused.body().contains("Upload refused") && refused.body().contains("changed byte"), refused.body());
        assertEquals(303, upload(admin, admin.csrf(), jar, sig).statusCode());
        ArtifactCatalogue.Artifact stored = catalogue.artifacts("d1").get(0);
        assertEquals(sha256(jar), stored.sha256());
        assertTrue(get(admin, "/rollouts").body().contains(stored.sha256()));
        // a rollout from the form: canary site s1 of customer c1
        HttpResponse<String> created = post(admin, "/rollouts", form("csrf", admin.csrf(), "name", "acme <script>x</script>", "artifact",
                Long.toString(stored.id()), "target", "customer:c1", "wave", "canary", "canary", "s1", "percent", "5"));
        assertEquals(303, created.statusCode(), created.body());
        String location = created.headers().firstValue("Location").orElseThrow();
        long id = Long.parseLong(location.substring("/rollouts/".length()));
        HttpResponse<String> detail = get(admin, location);
        assertEquals(200, detail.statusCode(), detail.body());
        assertTrue(detail.body().contains("acme &lt;script&gt;x&lt;/script&gt;") && !detail.body().contains("<script>"), "escaped");
        assertTrue(detail.body().contains("class=\"count-pending\">4<"), detail.body());
        assertEquals(4, detail.body().split("class=\"agent-pending\"", -1).length - 1, "a row per agent");
        report(agent("s1", 0), rollout(id).setId(), "installed");
        assertTrue(get(admin, location).body().contains("class=\"count-installed\">1<"));
        HttpResponse<String> noSet = post(admin, "/rollouts", form("csrf", admin.csrf(), "name", "empty", "target", "customer:c1", "wave", "percent",
                "percent", "5"));
        assertEquals(400, noSet.statusCode());
        assertTrue(noSet.body().contains("Rollout refused"), noSet.body());
        // pause, resume, abort from the page; each audited
        assertEquals(303, post(admin, location + "/pause", form("csrf", admin.csrf())).statusCode());
        assertEquals(RolloutStore.State.PAUSED, rollout(id).state());
        assertTrue(get(admin, location).body().contains("id=\"resume\""));
        assertEquals(400, post(admin, location + "/pause", form("csrf", admin.csrf())).statusCode(), "paused already: refused with the reason");
        assertEquals(303, post(admin, location + "/resume", form("csrf", admin.csrf())).statusCode());
        assertEquals(303, post(admin, location + "/abort", form("csrf", admin.csrf())).statusCode());
        assertEquals(RolloutStore.State.ABORTED, rollout(id).state());
        assertEquals(403, post(tech, location + "/abort", form("csrf", tech.csrf())).statusCode());
        assertEquals(404, get(admin, "/rollouts/999").statusCode());
        List<String> actions = audit.recent("d1", Long.MAX_VALUE, 50).stream().map(AuditLog.Event::action).toList();
        for (String action : List.of("dealer-key-added", "dealer-key-removed", "artifact-uploaded", "rollout-created", "rollout-paused", "rollout-resumed",
                "rollout-aborted")) {
            assertTrue(actions.contains(action), action + " in " + actions);
        }
    }
}
