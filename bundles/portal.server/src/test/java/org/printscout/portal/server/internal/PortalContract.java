package org.printscout.portal.server.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.osgi.service.log.Logger;

/** The portal's behaviour, run against each database (H2 and PostgreSQL subclasses). */
abstract class PortalContract {

    /** A fresh, empty database for each test. */
    abstract DataSource freshDatabase() throws Exception;

    TenancyStore tenancy;
    ReportStore reportStore;
    CommandStore commandStore;
    ReadModels readModels;
    UserStore users;
    ApiTokenStore apiTokens;
    MeterExport meterExport;
    AuditLog audit;
    Server server;
    SignIn signIn;
    Sessions sessions;
    final List<String> log = new CopyOnWriteArrayList<>();
    final HttpClient http = HttpClient.newHttpClient();
    String siteA;
    String siteB;

    DataSource dataSource;

    @BeforeEach
    void setUp() throws Exception {
        dataSource = freshDatabase();
        List<Integer> migrated = Migrator.migrate(dataSource);
        assertEquals(List.of(1, 2, 3), migrated.subList(0, 3), "every script, in order: " + migrated);
        assertTrue(migrated.contains(5), "V5 (agent configuration status): " + migrated);
        assertEquals(List.of(), Migrator.migrate(dataSource), "a current schema is left alone");
        tenancy = new TenancyStore(dataSource, Clock.systemUTC());
        reportStore = new ReportStore(dataSource, Clock.systemUTC());
        commandStore = new CommandStore(dataSource, Clock.systemUTC());
        readModels = new ReadModels(dataSource);
        users = new UserStore(dataSource);
        apiTokens = new ApiTokenStore(dataSource, Clock.systemUTC());
        meterExport = new MeterExport(dataSource);
        tenancy.createDealer("d1", "Dealer One");
        tenancy.createCustomer("c1", "d1", "Acme");
        tenancy.createCustomer("c2", "d1", "Globex");
        siteA = "site-acme";
        siteB = "site-globex";
        tenancy.createSite(siteA, "c1", "Acme HQ", "{\"configurations\":{\"org.printscout.discovery\":{\"ranges\":[\"10.1.0.0/24\"]}}}");
        tenancy.createSite(siteB, "c2", "Globex plant", "{\"configurations\":{}}");
        ReportParser parser = new ReportParser(new ReportParser.Limits(64 * 1024, 1024 * 1024, 200));
        // the portal's servlets and filters, as the whiteboard registers them, on the Jetty that Felix HTTP embeds
        Logger logger = (Logger) java.lang.reflect.Proxy.newProxyInstance(Logger.class.getClassLoader(), new Class<?>[] {Logger.class},
                (proxy, method, args) -> {
                    if (args != null && args.length > 0 && args[0] instanceof String message) {
                        log.add(message);
                    }
                    return method.getReturnType() == boolean.class ? Boolean.TRUE : method.getReturnType() == String.class ? "test" : null;
                });
        audit = new AuditLog(dataSource, Clock.systemUTC());
        signIn = new SignIn(users, audit, logger, Clock.systemUTC(), 1);
        sessions = new Sessions(new SessionStore(dataSource, Clock.systemUTC()), audit, logger);
        Templates templates = new Templates();
        server = new Server(new InetSocketAddress("127.0.0.1", 0));
        ServletContextHandler context = new ServletContextHandler("/");
        for (jakarta.servlet.Filter filter : List.of(new FailureFilter(logger), new SecurityHeadersFilter())) {
            FilterHolder holder = new FilterHolder(filter);
            holder.setAsyncSupported(true);
            context.addFilter(holder, "/*", java.util.EnumSet.of(jakarta.servlet.DispatcherType.REQUEST));
        }
        ServletHolder api = new ServletHolder(new AgentApiServlet(tenancy, reportStore, commandStore, parser,
                new ArtifactCatalogue(dataSource, Clock.systemUTC(), 1024 * 1024, java.nio.file.Path.of(System.getProperty("java.io.tmpdir"))),
                new RolloutStore(dataSource, Clock.systemUTC()), 64 * 1024, 32 * 1024, logger));
        api.setAsyncSupported(true);
        context.addServlet(api, "/api/*");
        ServletHolder page = new ServletHolder(new PageServlet(sessions, templates, tenancy, commandStore, readModels, users, audit));
        page.setAsyncSupported(true);
        context.addServlet(page, "/");
        ServletHolder signInForm = new ServletHolder(new SignInServlet(signIn, sessions, templates, users, audit, logger));
        signInForm.setAsyncSupported(true);
        context.addServlet(signInForm, "/signin");
        context.addServlet(signInForm, "/signout");
        for (String path : List.of("/export", "/export.csv", "/export.json")) {
            ServletHolder export = new ServletHolder(new MeterExportServlet(sessions, templates, meterExport, Clock.systemUTC()));
            export.setAsyncSupported(true);
            context.addServlet(export, path);
        }
        ServletHolder exportApi = new ServletHolder(new MeterExportApiServlet(apiTokens, meterExport, logger, Clock.systemUTC()));
        exportApi.setAsyncSupported(true);
        context.addServlet(exportApi, MeterExportApiServlet.PATH);
        ServletHolder tokenPage = new ServletHolder(new ApiTokenServlet(sessions, templates, apiTokens, audit));
        tokenPage.setAsyncSupported(true);
        context.addServlet(tokenPage, "/tokens");
        context.addServlet(tokenPage, "/tokens/*");
        server.setHandler(context);
        server.start();
    }

    @AfterEach
    void tearDown() {
        if (server != null) {
            try {
                server.stop();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
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

    /** A signed-in person: the session cookie and the CSRF token of the page. */
    record Browser(String cookie, String csrf) {
    }

    private static final java.util.regex.Pattern CSRF = java.util.regex.Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
    private static final java.util.regex.Pattern COOKIE = java.util.regex.Pattern.compile("^(printscout_[a-z]+=[^;]*)");

    /** Signs in through the form, as a browser does. */
    Browser signedIn(String user, String password) throws Exception {
        HttpResponse<String> form = http.send(HttpRequest.newBuilder(uri("/signin")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, form.statusCode(), form.body());
        java.util.regex.Matcher token = CSRF.matcher(form.body());
        assertTrue(token.find(), form.body());
        String formCookie = cookie(form, "printscout_signin");
        HttpResponse<String> posted = http.send(HttpRequest.newBuilder(uri("/signin")).header("Cookie", formCookie)
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString("csrf=" + token.group(1)
                        + "&username=" + java.net.URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password="
                        + java.net.URLEncoder.encode(password, StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(303, posted.statusCode(), "sign-in of " + user + ": " + posted.body());
        String session = cookie(posted, "printscout_session");
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(uri("/")).header("Cookie", session).build(), HttpResponse.BodyHandlers.ofString());
        java.util.regex.Matcher csrf = CSRF.matcher(page.body());
        assertTrue(csrf.find(), page.body() + " / log: " + log);
        return new Browser(session, csrf.group(1));
    }

    private static String cookie(HttpResponse<?> response, String name) {
        for (String header : response.headers().allValues("Set-Cookie")) {
            java.util.regex.Matcher m = COOKIE.matcher(header);
            if (m.find() && m.group(1).startsWith(name + "=")) {
                return m.group(1);
            }
        }
        throw new AssertionError("no cookie " + name + " in " + response.headers().map());
    }

    HttpRequest.Builder as(Browser browser, String path) {
        return HttpRequest.newBuilder(uri(path)).header("Cookie", browser.cookie());
    }

    static String basic(String user, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    HttpResponse<String> activate(String key) throws Exception {
        return http.send(HttpRequest.newBuilder(uri("/api/v1/activate"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"activationKey\":\"" + key + "\",\"hostname\":\"agent-host\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    JsonObject activated(String siteId) throws Exception {
        HttpResponse<String> response = activate(tenancy.newActivationKey(siteId));
        assertEquals(200, response.statusCode(), response.body());
        return JsonParser.parseString(response.body()).getAsJsonObject();
    }

    HttpResponse<String> upload(JsonObject agent, String reportId, byte[] zipped) throws Exception {
        String id = agent.get("agentId").getAsString();
        return http.send(HttpRequest.newBuilder(uri("/api/v1/agents/" + id + "/reports/" + reportId))
                .header("Authorization", basic(id, agent.get("secret").getAsString()))
                .header("Idempotency-Key", reportId)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(zipped)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static byte[] zip(String entry, byte[] content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry(entry));
            zip.write(content);
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }

    static byte[] report(String id, String agent, long total, int level) throws IOException {
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><report xmlns=\"urn:printscout:report:1\" id=\"" + id
                + "\" agent=\"" + agent + "\" site=\"s\" kind=\"meter\" finished=\"2026-11-26T06:00:" + String.format("%02d", total % 60) + "Z\">"
                + "<device ip=\"10.1.0.5\" mac=\"00:1B:A9:12:34:56\" serial=\"CNB123\" make=\"HP\" model=\"M404\" readAt=\"2026-11-26T06:00:"
                + String.format("%02d", total % 60) + "Z\"><status device=\"running\" printer=\"idle\"/>"
                + "<meter name=\"total\">" + total + "</meter><meter name=\"sheets\" unit=\"sheets\">" + total / 2 + "</meter>"
                + "<supply index=\"1\" type=\"toner\" colorant=\"black\" unit=\"percent\" level=\"" + level + "\" max=\"100\">Black Cartridge</supply>"
                + "<supply index=\"2\" type=\"wasteToner\" level=\"-3\" max=\"-2\">Waste toner</supply></device></report>";
        return zip("report.xml", xml.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void anActivationKeyWorksOnceAndAWrongOneNever() throws Exception {
        String key = tenancy.newActivationKey(siteA);
        HttpResponse<String> first = activate(key);
        assertEquals(200, first.statusCode(), first.body());
        JsonObject agent = JsonParser.parseString(first.body()).getAsJsonObject();
        assertEquals(siteA, agent.get("siteId").getAsString());
        assertEquals(403, activate(key).statusCode(), "single use");
        HttpResponse<String> wrong = activate("ACT-nonsense");
        assertEquals(403, wrong.statusCode());
        assertEquals("unknown or already used activation key", wrong.body());
    }

    @Test
    void theSiteConfigurationComesWithAnEtagAndA304WhenUnchanged() throws Exception {
        JsonObject agent = activated(siteA);
        String id = agent.get("agentId").getAsString();
        HttpRequest.Builder get = HttpRequest.newBuilder(uri("/api/v1/agents/" + id + "/config"))
                .header("Authorization", basic(id, agent.get("secret").getAsString()));
        HttpResponse<String> first = http.send(get.build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, first.statusCode());
        String etag = first.headers().firstValue("ETag").orElseThrow();
        JsonObject config = JsonParser.parseString(first.body()).getAsJsonObject();
        assertEquals(siteA, config.get("siteId").getAsString());
        assertTrue(first.body().contains("10.1.0.0/24"));
        assertEquals(304, http.send(get.header("If-None-Match", etag).build(), HttpResponse.BodyHandlers.ofString()).statusCode());
        tenancy.updateSiteConfig(siteA, "{\"configurations\":{}}");
        HttpResponse<String> changed = http.send(HttpRequest.newBuilder(uri("/api/v1/agents/" + id + "/config"))
                .header("Authorization", basic(id, agent.get("secret").getAsString())).header("If-None-Match", etag).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, changed.statusCode());
        assertFalse(etag.equals(changed.headers().firstValue("ETag").orElseThrow()));
    }

    @Test
    void onlyAnAdminSwitchesACustomersRemoteWebUiAndOnlyThatCustomersAgentsGetIt() throws Exception {
        JsonObject acme = activated(siteA);
        JsonObject globex = activated(siteB);
        users.createUser("dealer-admin", "pw-admin-1234".toCharArray(), UserStore.Role.ADMIN, "d1", List.of());
        users.createUser("dealer-tech", "pw-tech-12345".toCharArray(), UserStore.Role.TECHNICIAN, "d1", List.of());
        users.createUser("acme-admin", "pw-acme-12345".toCharArray(), UserStore.Role.ADMIN, "d1", List.of("c1"));
        HttpResponse<String> before = config(acme, null);
        assertEquals(false, remoteUi(before));
        String etag = before.headers().firstValue("ETag").orElseThrow();

        assertEquals(403, switchRemoteUi("dealer-tech", "pw-tech-12345", "c1", null).statusCode(), "a technician may not");
        assertEquals(404, switchRemoteUi("acme-admin", "pw-acme-12345", "c2", null).statusCode(), "another customer's admin may not");
        assertEquals(403, switchRemoteUi("dealer-admin", "pw-admin-1234", "c1", "https://evil.example").statusCode(), "cross-site");
        assertEquals(304, config(acme, etag).statusCode(), "nothing changed yet");
        assertEquals(303, switchRemoteUi("dealer-admin", "pw-admin-1234", "c1", null).statusCode());

        HttpResponse<String> after = config(acme, etag);
        assertEquals(200, after.statusCode(), "the switch changes the agent's configuration and its ETag");
        assertEquals(true, remoteUi(after));
        assertEquals(false, remoteUi(config(globex, null)), "another customer's agents are not affected");
        String page = http.send(as(signedIn("dealer-tech", "pw-tech-12345"), "/").build(), HttpResponse.BodyHandlers.ofString()).body();
        assertTrue(page.contains("allowed") && !page.contains("/remote-ui"), "technicians see the setting but get no switch: " + page);
    }

    private HttpResponse<String> config(JsonObject agent, String etag) throws Exception {
        String id = agent.get("agentId").getAsString();
        HttpRequest.Builder get = HttpRequest.newBuilder(uri("/api/v1/agents/" + id + "/config"))
                .header("Authorization", basic(id, agent.get("secret").getAsString()));
        if (etag != null) {
            get.header("If-None-Match", etag);
        }
        return http.send(get.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static boolean remoteUi(HttpResponse<String> config) {
        return JsonParser.parseString(config.body()).getAsJsonObject().getAsJsonObject("configurations")
                .getAsJsonObject(AgentApiServlet.REMOTE_UI_PID).get("enabled").getAsBoolean();
    }

    private HttpResponse<String> switchRemoteUi(String user, String password, String customer, String origin) throws Exception {
        Browser browser = signedIn(user, password);
        HttpRequest.Builder post = as(browser, "/customers/" + customer + "/remote-ui").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("allowed=true&csrf=" + browser.csrf()));
        if (origin != null) {
            post.header("Origin", origin);
        }
        return http.send(post.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aReportIsStoredOnceHoweverOftenItArrives() throws Exception {
        JsonObject agent = activated(siteA);
        String id = UUID.randomUUID().toString();
        byte[] zipped = report(id, agent.get("agentId").getAsString(), 41235, 80);
        assertEquals(201, upload(agent, id, zipped).statusCode());
        assertEquals(200, upload(agent, id, zipped).statusCode());
        assertEquals(1, readModels.countReports());
        UserStore.User admin = new UserStore.User("t", UserStore.Role.ADMIN, "d1", true);
        List<ReadModels.DeviceRow> devices = readModels.devices(admin);
        assertEquals(1, devices.size());
        assertEquals(41235L, devices.get(0).total());
        assertEquals(80, devices.get(0).supplies().get(0).percent());
        assertEquals(-3, devices.get(0).supplies().get(1).level(), "special values kept");
        assertEquals(-1, devices.get(0).supplies().get(1).percent(), "and never a percentage");
    }

    @Test
    void agentsCanNeverReadOrWriteEachOthersData() throws Exception {
        JsonObject a = activated(siteA);
        JsonObject b = activated(siteB);
        String aId = a.get("agentId").getAsString();
        String bId = b.get("agentId").getAsString();
        // B with its own credentials on A's resources
        HttpResponse<String> config = http.send(HttpRequest.newBuilder(uri("/api/v1/agents/" + aId + "/config"))
                .header("Authorization", basic(bId, b.get("secret").getAsString())).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(403, config.statusCode());
        // B with a wrong secret for A
        HttpResponse<String> guessed = http.send(HttpRequest.newBuilder(uri("/api/v1/agents/" + aId + "/config"))
                .header("Authorization", basic(aId, b.get("secret").getAsString())).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, guessed.statusCode());
        // a report naming A, uploaded by B
        String id = UUID.randomUUID().toString();
        assertEquals(422, upload(b, id, report(id, aId, 1, 1)).statusCode());
        // A's report id reused by B
        assertEquals(201, upload(a, id, report(id, aId, 1, 1)).statusCode());
        assertEquals(409, upload(b, id, report(id, bId, 1, 1)).statusCode());
        // commands: handed out once, only to their agent; a file and a result come back
        long command = commandStore.enqueueCommand(aId, 6, "10.0.0.5");
        assertFalse(commandStore.completeCommand(bId, command, CommandStore.CommandOutcome.DONE, "hijacked"));
        HttpResponse<String> bCommands = http.send(HttpRequest.newBuilder(uri("/api/v1/agents/" + bId + "/commands"))
                .header("Authorization", basic(bId, b.get("secret").getAsString())).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals("[]", bCommands.body());
        HttpResponse<String> aCommands = http.send(HttpRequest.newBuilder(uri("/api/v1/agents/" + aId + "/commands"))
                .header("Authorization", basic(aId, a.get("secret").getAsString())).build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(aCommands.body().contains("\"code\":\"6\"") && aCommands.body().contains("10.0.0.5"), aCommands.body());
        assertEquals("sent", commandStore.commands(aId, false).get(0).state());
        HttpResponse<String> again = http.send(HttpRequest.newBuilder(uri("/api/v1/agents/" + aId + "/commands"))
                .header("Authorization", basic(aId, a.get("secret").getAsString())).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals("[]", again.body(), "a command is handed out once");
        byte[] walk = zip("walk.snmprec", "1.3.6.1.2.1.1.1.0|4|printer\n".getBytes(StandardCharsets.UTF_8));
        assertEquals(404, commandFile(b, bId, command, walk).statusCode(), "another agent's command");
        assertEquals(422, commandFile(a, aId, command, "not a zip".getBytes(StandardCharsets.UTF_8)).statusCode());
        assertEquals(413, commandFile(a, aId, command, new byte[40 * 1024]).statusCode());
        assertEquals(201, commandFile(a, aId, command, walk).statusCode());
        HttpResponse<String> badOutcome = http.send(HttpRequest.newBuilder(uri("/api/v1/agents/" + aId + "/commands/" + command))
                .header("Authorization", basic(aId, a.get("secret").getAsString()))
                .POST(HttpRequest.BodyPublishers.ofString("{\"outcome\":\"maybe\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(400, badOutcome.statusCode());
        HttpResponse<String> done = http.send(HttpRequest.newBuilder(uri("/api/v1/agents/" + aId + "/commands/" + command))
                .header("Authorization", basic(aId, a.get("secret").getAsString()))
                .POST(HttpRequest.BodyPublishers.ofString("{\"outcome\":\"done\",\"result\":\"412 rows\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(204, done.statusCode());
        assertEquals(404, commandFile(a, aId, command, walk).statusCode(), "a finished command takes no more files");
        users.createUser("globex-tech", "pw-globex-123".toCharArray(), UserStore.Role.TECHNICIAN, "d1", List.of("c2"));
        users.createUser("dealer-admin", "pw-admin-1234".toCharArray(), UserStore.Role.ADMIN, "d1", List.of());
        HttpResponse<byte[]> download = http.send(as(signedIn("dealer-admin", "pw-admin-1234"), "/commands/" + command + "/file").build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, download.statusCode());
        assertArrayEquals(walk, download.body());
        assertEquals(404, http.send(as(signedIn("globex-tech", "pw-globex-123"), "/commands/" + command + "/file").build(),
                HttpResponse.BodyHandlers.ofByteArray()).statusCode(),
                "a user of another customer does not see the file");
        assertEquals("done", commandStore.commands(aId, false).get(0).state());
        assertEquals("412 rows", commandStore.commands(aId, false).get(0).result());
    }

    private HttpResponse<String> commandFile(JsonObject agent, String agentId, long command, byte[] body) throws Exception {
        return http.send(HttpRequest.newBuilder(uri("/api/v1/agents/" + agentId + "/commands/" + command + "/file"))
                .header("Authorization", basic(agentId, agent.get("secret").getAsString())).header("Content-Type", "application/zip")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }


    @Test
    void aCommandHandedOutAndNeverAnsweredIsShownAsLostAndALateResultStillCounts() throws Exception {
        JsonObject agent = activated(siteA);
        String agentId = agent.get("agentId").getAsString();
        long command = commandStore.enqueueCommand(agentId, 3, "");
        assertEquals(1, commandStore.handOutCommands(agentId).size());
        assertEquals("sent", commandStore.commands(agentId, false).get(0).state());
        CommandStore aDayLater = new CommandStore(dataSource, Clock.offset(Clock.systemUTC(), java.time.Duration.ofHours(25)));
        CommandStore.Command lost = aDayLater.commands(agentId, false).get(0);
        assertEquals("lost", lost.state());
        assertTrue(lost.result().contains("no result within 24 h"), lost.result());
        assertEquals(List.of(), aDayLater.handOutCommands(agentId), "not handed out again");
        assertTrue(aDayLater.completeCommand(agentId, command, CommandStore.CommandOutcome.DONE, "3 log files"));
        assertEquals("done", aDayLater.commands(agentId, false).get(0).state());
    }

    @Test
    void aDatabaseMigratedByANewerPortalIsRefused() throws Exception {
        try (java.sql.Connection c = dataSource.getConnection(); java.sql.Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO \"flyway_schema_history\" (\"installed_rank\", \"version\", \"description\", \"type\", "
                    + "\"script\", \"checksum\", \"installed_by\", \"execution_time\", \"success\") "
                    + "VALUES (99, '99', 'from the future', 'SQL', 'V99__from_the_future.sql', 0, 'test', 0, TRUE)");
        }
        java.sql.SQLException refused = org.junit.jupiter.api.Assertions.assertThrows(java.sql.SQLException.class,
                () -> Migrator.migrate(dataSource));
        assertTrue(refused.getMessage().contains("99"), refused.getMessage());
    }

    @Test
    void aDeviceTwiceInOneReportIsStoredOnce() throws Exception {
        JsonObject agent = activated(siteA);
        String agentId = agent.get("agentId").getAsString();
        String id = UUID.randomUUID().toString();
        String device = "<device ip=\"10.1.0.5\" serial=\"CNB123\" readAt=\"2026-11-26T06:00:00Z\"><meter name=\"total\">100</meter>"
                + "<supply index=\"1\" level=\"5\" max=\"10\">Black</supply></device>";
        String xml = "<report xmlns=\"urn:printscout:report:1\" id=\"" + id + "\" agent=\"" + agentId
                + "\" kind=\"meter\" finished=\"2026-11-26T06:00:00Z\">" + device + device + "</report>";
        HttpResponse<String> stored = upload(agent, id, zip("report.xml", xml.getBytes(StandardCharsets.UTF_8)));
        assertEquals(201, stored.statusCode(), stored.body());
        assertEquals(1, readModels.deviceReadings().size());
        assertEquals(1, readModels.deviceReadings().get(0).meters().size());
    }

    /**
     * report-1.xsd checks a token's length after collapsing its whitespace; the portal stores what the
     * schema checked, so 600 inner spaces (valid: they collapse to one) neither reach the 100-character
     * column (a 503 before) nor make two names that collapse alike violate the readings' key.
     */
    @Test
    void tokensAreStoredWhitespaceCollapsedAsTheSchemaCheckedThem() throws Exception {
        JsonObject agent = activated(siteA);
        String agentId = agent.get("agentId").getAsString();
        String id = UUID.randomUUID().toString();
        String wide = "vendor." + " ".repeat(600) + "scans";
        String xml = "<report xmlns=\"urn:printscout:report:1\" id=\"" + id + "\" agent=\"" + agentId
                + "\" kind=\" meter \" finished=\" 2026-11-26T06:00:00Z \"><device ip=\"10.1.0.5\" readAt=\"2026-11-26T06:00:00Z\">"
                + "<status device=\"  running&#9;\" printer=\"idle\"/>"
                + "<meter name=\"" + wide + "\" unit=\" clicks \">\n 7 \n</meter><meter name=\"vendor.&#10;scans\">8</meter>"
                + "<meter name=\"   total   \">100</meter>"
                + "<supply index=\" 1 \" type=\"  toner  \" colorant=\"black&#13;&#10; \" level=\" 5 \" max=\"10\">Black</supply></device></report>";
        HttpResponse<String> stored = upload(agent, id, zip("report.xml", xml.getBytes(StandardCharsets.UTF_8)));
        assertEquals(201, stored.statusCode(), stored.body());
        ReadModels.DeviceReadings device = readModels.deviceReadings().get(0);
        assertEquals("running", device.status());
        assertEquals(List.of("total", "vendor. scans"), device.meters().stream().map(ReadModels.MeterValue::name).toList(),
                "collapsed, and the second 'vendor. scans' counts once");
        ReadModels.MeterValue scans = device.meters().get(1);
        assertEquals("clicks", scans.unit());
        assertEquals(7, scans.value(), "the first reading of a name counts");
        ReadModels.SupplyValue supply = device.supplies().get(0);
        assertEquals(List.of(1, 5L, 10L), List.of(supply.index(), supply.level(), supply.max()));
        assertEquals("toner", supply.type());
        assertEquals("black", supply.colorant());
        assertEquals(List.of("meter"), readModels.reports().stream().map(ReadModels.ReportRow::kind).toList());
    }

    @Test
    void zipBombsAndInvalidReportsAreRefused() throws Exception {
        JsonObject agent = activated(siteA);
        String agentId = agent.get("agentId").getAsString();
        String id = UUID.randomUUID().toString();
        byte[] bomb = zip("report.xml", new byte[5 * 1024 * 1024]);
        HttpResponse<String> refused = upload(agent, id, bomb);
        assertEquals(422, refused.statusCode());
        assertTrue(refused.body().contains("zip bomb"), refused.body());

        String invalid = "<report xmlns=\"urn:printscout:report:1\" id=\"" + id + "\" agent=\"" + agentId
                + "\" kind=\"weekly\" finished=\"2026-01-01T00:00:00Z\"/>";
        HttpResponse<String> notValid = upload(agent, id, zip("report.xml", invalid.getBytes(StandardCharsets.UTF_8)));
        assertEquals(422, notValid.statusCode());
        assertTrue(notValid.body().contains("not valid against report-1.xsd"), notValid.body());

        String entity = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><report xmlns=\"urn:printscout:report:1\">&x;</report>";
        assertEquals(422, upload(agent, id, zip("report.xml", entity.getBytes(StandardCharsets.UTF_8))).statusCode());

        String otherVersion = "<report xmlns=\"urn:printscout:report:2\" id=\"" + id + "\" agent=\"" + agentId
                + "\" kind=\"meter\" finished=\"2026-01-01T00:00:00Z\"/>";
        assertEquals(422, upload(agent, id, zip("report.xml", otherVersion.getBytes(StandardCharsets.UTF_8))).statusCode());
        assertEquals(422, upload(agent, id, zip("other.xml", new byte[10])).statusCode());
        assertEquals(413, upload(agent, id, new byte[70 * 1024]).statusCode());
        assertEquals(0, readModels.countReports());
    }

    @Test
    void usersSeeOnlyTheirCustomersAndViewersCannotQueueCommands() throws Exception {
        JsonObject a = activated(siteA);
        activated(siteB);
        users.createUser("admin", "correct horse".toCharArray(), UserStore.Role.ADMIN, "d1", List.of());
        users.createUser("acme-viewer", "battery staple".toCharArray(), UserStore.Role.VIEWER, "d1", List.of("c1"));
        assertEquals(Optional.empty(), users.login("admin", "wrong".toCharArray()));
        UserStore.User admin = users.login("admin", "correct horse".toCharArray()).orElseThrow();
        UserStore.User viewer = users.login("acme-viewer", "battery staple".toCharArray()).orElseThrow();
        assertEquals(2, readModels.agents(admin).size());
        assertEquals(List.of(siteA), readModels.agents(viewer).stream().map(ReadModels.AgentRow::siteId).toList());

        Browser vera = signedIn("acme-viewer", "battery staple");
        HttpResponse<String> page = http.send(as(vera, "/").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("Acme HQ") && !page.body().contains("Globex plant"), page.body());
        assertFalse(page.body().contains("action=\"/commands\""), "no command form for viewers");
        HttpResponse<String> post = http.send(as(vera, "/commands").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("agent=" + a.get("agentId").getAsString() + "&code=2&csrf=" + vera.csrf())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(403, post.statusCode());
        HttpResponse<String> signedOut = http.send(HttpRequest.newBuilder(uri("/")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(303, signedOut.statusCode());
        assertEquals("/signin", signedOut.headers().firstValue("Location").orElse(""));
    }

    @Test
    void thePageShowsAgentsDevicesSupplyBarsTheMeterChartAndQueuesCommands() throws Exception {
        JsonObject agent = activated(siteA);
        String agentId = agent.get("agentId").getAsString();
        for (int day = 0; day < 3; day++) {
            String id = UUID.randomUUID().toString();
            assertEquals(201, upload(agent, id, report(id, agentId, 1000 + day * 7, 80 - day * 10)).statusCode());
        }
        users.createUser("tech", "pw-tech-12345".toCharArray(), UserStore.Role.TECHNICIAN, "d1", List.of());
        Browser tech = signedIn("tech", "pw-tech-12345");
        HttpResponse<String> post = http.send(as(tech, "/commands").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("agent=" + agentId + "&code=6&arguments=10.1.0.5&csrf=" + tech.csrf())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(303, post.statusCode());
        String page = http.send(as(tech, "/").build(), HttpResponse.BodyHandlers.ofString()).body();
        assertTrue(page.contains(agentId), page);
        assertTrue(page.contains("1,014"), "latest total meter: " + page);
        assertTrue(page.contains("<rect width=\"48\" height=\"9\" fill=\"#4a7\"/>"), "supply bar of the latest report (60 % of 80 px)");
        assertTrue(page.contains("some remaining"), "a -3 level in words");
        assertTrue(page.contains("<polyline"), "the total meter chart");
        assertTrue(page.contains("10.1.0.5") && page.contains("Walk MIB") && page.contains("queued"), "the queued command");
    }

    /**
     * A password reset that lands while a sign-in or a password change is being checked wins: the
     * session is opened, and the own change made, only against the hash the password was checked with.
     */
    @Test
    void aResetDuringASignInCheckWinsOverTheSignInAndTheOwnChange() throws Exception {
        users.createUser("vera", "vera's old password".toCharArray(), UserStore.Role.VIEWER, "d1", List.of());
        String checked = users.credentials("vera").orElseThrow().passwordHash();
        SessionStore store = new SessionStore(dataSource, Clock.systemUTC());
        assertTrue(store.open("vera", checked, "127.0.0.1").isPresent(), "the hash still holds: a session");
        assertTrue(users.setPassword("d1", "vera", "reset by the admin".toCharArray()));
        assertTrue(store.open("vera", checked, "127.0.0.1").isEmpty(), "checked against the old hash: no session after the reset");
        assertFalse(users.replacePassword("vera", checked, "vera's own password".toCharArray()), "the own change does not undo the reset");
        assertTrue(Passwords.verify("reset by the admin".toCharArray(), users.credentials("vera").orElseThrow().passwordHash()));
        assertTrue(users.replacePassword("vera", users.credentials("vera").orElseThrow().passwordHash(), "vera's own password".toCharArray()));
        assertTrue(store.open("nobody", checked, "127.0.0.1").isEmpty(), "no user: no session");
    }

    @Test
    void userNamesNeedALetterOrDigitAndDifferInMoreThanCase() throws Exception {
        assertTrue(UserStore.nameProblem("..").isPresent());
        assertTrue(UserStore.nameProblem("._-@").isPresent());
        assertTrue(UserStore.nameProblem("a".repeat(101)).isPresent());
        assertTrue(UserStore.nameProblem("j.doe@acme").isEmpty());
        assertTrue(users.createUser("Tom", "toms password 1".toCharArray(), UserStore.Role.VIEWER, "d1", List.of()));
        assertFalse(users.createUser("tom", "toms password 2".toCharArray(), UserStore.Role.VIEWER, "d1", List.of()));
    }

    // ---- the billing meter export ---------------------------------------------------------------------

    private static final java.time.Instant NOV = java.time.Instant.parse("2026-11-01T00:00:00Z");
    private static final java.time.Instant DEC = java.time.Instant.parse("2026-12-01T00:00:00Z");
    private static final String HOSTILE_SERIAL = "=HYPERLINK(\"http://x\",\"y\")";

    /** Stores readings as the upload would, straight into the tables: device key, serial, time, then meter name/value pairs. */
    private long readings(String siteId, String serial, String at, Object... meters) throws Exception {
        try (java.sql.Connection c = dataSource.getConnection()) {
            String agentId = "agent-" + siteId;
            try (java.sql.PreparedStatement s = c.prepareStatement("INSERT INTO agent (id, site_id, secret_hash, activated) SELECT ?, ?, 'x', ? "
                    + "WHERE NOT EXISTS (SELECT 1 FROM agent WHERE id = ?)")) {
                s.setString(1, agentId);
                s.setString(2, siteId);
                s.setTimestamp(3, java.sql.Timestamp.from(NOV.minusSeconds(86_400 * 60)));
                s.setString(4, agentId);
                s.executeUpdate();
            }
            long deviceId;
            try (java.sql.PreparedStatement s = c.prepareStatement("SELECT id FROM device WHERE site_id = ? AND device_key = ?")) {
                s.setString(1, siteId);
                s.setString(2, serial);
                try (java.sql.ResultSet r = s.executeQuery()) {
                    deviceId = r.next() ? r.getLong(1) : -1;
                }
            }
            if (deviceId < 0) {
                try (java.sql.PreparedStatement s = c.prepareStatement("INSERT INTO device (site_id, device_key, ip, serial, make, model, last_seen) "
                        + "VALUES (?, ?, '10.0.0.1', ?, 'HP', 'M479', ?)", new String[] {"id"})) {
                    s.setString(1, siteId);
                    s.setString(2, serial);
                    s.setString(3, serial);
                    s.setTimestamp(4, java.sql.Timestamp.from(java.time.Instant.parse(at)));
                    s.executeUpdate();
                    try (java.sql.ResultSet keys = s.getGeneratedKeys()) {
                        keys.next();
                        deviceId = keys.getLong(1);
                    }
                }
            }
            String reportId = UUID.randomUUID().toString();
            try (java.sql.PreparedStatement s = c.prepareStatement("INSERT INTO report (id, agent_id, kind, finished, received, devices) "
                    + "VALUES (?, ?, 'meter', ?, ?, 1)")) {
                s.setString(1, reportId);
                s.setString(2, agentId);
                s.setTimestamp(3, java.sql.Timestamp.from(java.time.Instant.parse(at)));
                s.setTimestamp(4, java.sql.Timestamp.from(java.time.Instant.parse(at)));
                s.executeUpdate();
            }
            try (java.sql.PreparedStatement s = c.prepareStatement("INSERT INTO meter_reading (device_id, report_id, read_at, name, unit, reading) "
                    + "VALUES (?, ?, ?, ?, 'impressions', ?)")) {
                for (int i = 0; i < meters.length; i += 2) {
                    s.setLong(1, deviceId);
                    s.setString(2, reportId);
                    s.setTimestamp(3, java.sql.Timestamp.from(java.time.Instant.parse(at)));
                    s.setString(4, (String) meters[i]);
                    s.setLong(5, ((Number) meters[i + 1]).longValue());
                    s.executeUpdate();
                }
            }
            return deviceId;
        }
    }

    /** Acme: one device read exactly at both boundaries (hostile serial), one read around them; Globex: a meter that went backwards. */
    private void billingFleet() throws Exception {
        readings(siteA, HOSTILE_SERIAL, "2026-11-01T00:00:00Z", "total", 1000, "mono", 600, "color", 400, "sheets", 900);
        readings(siteA, HOSTILE_SERIAL, "2026-11-15T09:30:00Z", "total", 1400, "mono", 800, "color", 600);
        readings(siteA, HOSTILE_SERIAL, "2026-12-01T00:00:00Z", "total", 1800, "mono", 1100, "color", 700);
        readings(siteA, "AROUND", "2026-10-31T12:00:00Z", "total", 2000, "copy", 10);
        readings(siteA, "AROUND", "2026-11-01T12:00:00Z", "total", 2100, "copy", 30);
        readings(siteA, "AROUND", "2026-11-30T00:00:00Z", "total", 3000, "copy", 100);
        readings(siteA, "LATE", "2026-12-05T00:00:00Z", "total", 50);
        readings(siteB, "BACKWARDS", "2026-11-01T00:00:00Z", "total", 5000, "print", 100);
        readings(siteB, "BACKWARDS", "2026-11-10T00:00:00Z", "total", 5200, "print", 50);
        readings(siteB, "BACKWARDS", "2026-12-01T00:00:00Z", "total", 4000, "print", 200);
    }

    private static MeterExport.MeterUsage meter(MeterExport.Export export, String serial, String name) {
        return export.devices().stream().filter(d -> d.serial().equals(serial)).findFirst().orElseThrow(() -> new AssertionError("no " + serial))
                .meters().stream().filter(m -> m.name().equals(name)).findFirst().orElseThrow(() -> new AssertionError("no " + name + " of " + serial));
    }

    @Test
    void theExportIsExactAtTheBoundariesEstimatedElsewhereAndNeverBillsABackwardsMeterNegative() throws Exception {
        billingFleet();
        users.createUser("admin", "correct horse".toCharArray(), UserStore.Role.ADMIN, "d1", List.of());
        MeterExport.Export export = meterExport.export(users.credentials("admin").orElseThrow().user(), NOV, DEC);
        assertEquals(List.of(HOSTILE_SERIAL, "AROUND", "BACKWARDS"), export.devices().stream().map(MeterExport.DeviceUsage::serial).toList(),
                "by customer (Acme, Globex), then site and serial; LATE was first read after the period");

        // read exactly at both boundaries: exact values, exact usage, only billing meters (no 'sheets')
        MeterExport.DeviceUsage exact = export.devices().get(0);
        assertEquals(List.of("total", "mono", "color"), exact.meters().stream().map(MeterExport.MeterUsage::name).toList());
        assertEquals(new MeterExport.MeterUsage("total", new MeterExport.Boundary(NOV, 1000, false), new MeterExport.Boundary(DEC, 1800, false),
                800, false), meter(export, HOSTILE_SERIAL, "total"));
        assertEquals(500, meter(export, HOSTILE_SERIAL, "mono").usage());
        assertEquals(300, meter(export, HOSTILE_SERIAL, "color").usage());
        assertEquals("Acme", exact.customerName());
        assertEquals("Acme HQ", exact.siteName());

        // not read at the boundaries: start interpolated between 31 Oct 12:00 (2000) and 1 Nov 12:00 (2100),
        // end from the last reading before it (30 Nov, 3000) with that reading's date
        MeterExport.MeterUsage around = meter(export, "AROUND", "total");
        assertEquals(new MeterExport.Boundary(NOV, 2050, true), around.start());
        assertEquals(new MeterExport.Boundary(java.time.Instant.parse("2026-11-30T00:00:00Z"), 3000, true), around.end());
        assertEquals(950, around.usage());
        assertFalse(around.backwards());
        assertEquals(new MeterExport.Boundary(NOV, 20, true), meter(export, "AROUND", "copy").start());
        assertEquals(80, meter(export, "AROUND", "copy").usage());

        // backwards: end below start is flagged and billed 0; a dip inside the period is flagged, usage never negative
        MeterExport.MeterUsage total = meter(export, "BACKWARDS", "total");
        assertTrue(total.backwards());
        assertEquals(0, total.usage());
        MeterExport.MeterUsage print = meter(export, "BACKWARDS", "print");
        assertTrue(print.backwards(), "went from 100 down to 50 within the period");
        assertEquals(100, print.usage());

        // the period after: AROUND was not read after 30 Nov, so both its boundaries are that reading, usage 0; LATE appears
        MeterExport.Export december = meterExport.export(users.credentials("admin").orElseThrow().user(), DEC,
                java.time.Instant.parse("2027-01-01T00:00:00Z"));
        assertEquals(0, meter(december, "AROUND", "total").usage());
        assertTrue(meter(december, "AROUND", "total").start().estimated());
        assertEquals(new MeterExport.Boundary(DEC, 1800, false), meter(december, HOSTILE_SERIAL, "total").start());
        assertEquals(new MeterExport.Boundary(java.time.Instant.parse("2026-12-05T00:00:00Z"), 50, true), meter(december, "LATE", "total").start());
    }

    @Test
    void theExportIsScopedToTheUsersCustomersAndItsCsvNeutralisesFormulas() throws Exception {
        billingFleet();
        users.createUser("globex-viewer", "battery staple".toCharArray(), UserStore.Role.VIEWER, "d1", List.of("c2"));
        MeterExport.Export globex = meterExport.export(users.credentials("globex-viewer").orElseThrow().user(), NOV, DEC);
        assertEquals(List.of("BACKWARDS"), globex.devices().stream().map(MeterExport.DeviceUsage::serial).toList());

        users.createUser("admin", "correct horse".toCharArray(), UserStore.Role.ADMIN, "d1", List.of());
        Browser admin = signedIn("admin", "correct horse");
        HttpResponse<String> csv = http.send(as(admin, "/export.csv?month=2026-11").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, csv.statusCode(), csv.body());
        assertTrue(csv.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));
        String[] lines = csv.body().split("\r\n", -1);
        assertEquals(String.join(",", MeterExportFormat.CSV_COLUMNS), lines[0]);
        assertEquals("2026-11-01T00:00:00Z,2026-12-01T00:00:00Z,c1,Acme,site-acme,Acme HQ,\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",HP,M479,"
                + "10.0.0.1,total,2026-11-01T00:00:00Z,1000,false,2026-12-01T00:00:00Z,1800,false,800,false", lines[1]);
        assertTrue(csv.body().contains(",BACKWARDS,HP,M479,10.0.0.1,total,2026-11-01T00:00:00Z,5000,false,2026-12-01T00:00:00Z,4000,false,0,true\r\n"),
                csv.body());
        assertEquals(1 + 3 + 2 + 2 + 1, lines.length, "header, 7 meters, and the empty string after the last CRLF: " + csv.body());

        HttpResponse<String> json = http.send(as(admin, "/export.json?from=2026-11-01&to=2026-12-01").build(), HttpResponse.BodyHandlers.ofString());
        JsonObject first = JsonParser.parseString(json.body()).getAsJsonObject().getAsJsonArray("devices").get(0).getAsJsonObject();
        assertEquals(HOSTILE_SERIAL, first.get("serial").getAsString(), "JSON carries the string as it is: no spreadsheet reads it");
        assertEquals(800, first.getAsJsonArray("meters").get(0).getAsJsonObject().get("usage").getAsLong());

        String page = http.send(as(admin, "/export?month=2026-11").build(), HttpResponse.BodyHandlers.ofString()).body();
        assertTrue(page.contains("=HYPERLINK(&quot;http://x&quot;,&quot;y&quot;)"), "escaped on the page: " + page);
        assertTrue(page.contains("backwards") && page.contains("est."), page);
        assertEquals(400, http.send(as(admin, "/export.csv?month=2026-13").build(), HttpResponse.BodyHandlers.ofString()).statusCode());

        Browser viewer = signedIn("globex-viewer", "battery staple");
        String theirs = http.send(as(viewer, "/export.csv?month=2026-11").build(), HttpResponse.BodyHandlers.ofString()).body();
        assertTrue(theirs.contains("BACKWARDS") && !theirs.contains("AROUND") && !theirs.contains("Acme"), theirs);
    }

    @Test
    void anApiTokenReadsTheExportOnlyUntilRevoked() throws Exception {
        billingFleet();
        ApiTokenStore.Created token = apiTokens.create("d1", "billing system", "admin");
        assertTrue(token.token().startsWith(ApiTokenStore.PREFIX));
        try (java.sql.Connection c = dataSource.getConnection();
             java.sql.ResultSet r = c.createStatement().executeQuery("SELECT token_sha256 FROM api_token")) {
            assertTrue(r.next());
            assertEquals(Passwords.sha256(token.token()), r.getString(1), "only the hash is stored");
        }
        HttpRequest.Builder pull = HttpRequest.newBuilder(uri("/api/v1/export?month=2026-11&format=csv"))
                .header("Authorization", "Bearer " + token.token());
        HttpResponse<String> csv = http.send(pull.build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, csv.statusCode(), csv.body());
        assertTrue(csv.body().contains("AROUND") && csv.body().contains("BACKWARDS"), "the dealer's every customer: " + csv.body());
        HttpResponse<String> json = http.send(HttpRequest.newBuilder(uri("/api/v1/export?month=2026-11"))
                .header("Authorization", "Bearer " + token.token()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(3, JsonParser.parseString(json.body()).getAsJsonObject().getAsJsonArray("devices").size());
        assertEquals(405, http.send(HttpRequest.newBuilder(uri("/api/v1/export")).header("Authorization", "Bearer " + token.token())
                .POST(HttpRequest.BodyPublishers.ofString("")).build(), HttpResponse.BodyHandlers.ofString()).statusCode(), "read only");
        HttpResponse<String> none = http.send(HttpRequest.newBuilder(uri("/api/v1/export")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, none.statusCode());
        assertTrue(none.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"));
        assertEquals(401, http.send(HttpRequest.newBuilder(uri("/api/v1/export")).header("Authorization", "Bearer pst_guessed").build(),
                HttpResponse.BodyHandlers.ofString()).statusCode());
        assertEquals("billing system", apiTokens.tokensOf("d1").get(0).name());
        assertTrue(apiTokens.tokensOf("d1").get(0).lastUsed() != null, "its use is noted");

        assertFalse(apiTokens.revoke("d2-nobody", token.id()), "only its dealer revokes it");
        assertTrue(apiTokens.revoke("d1", token.id()));
        assertEquals(401, http.send(pull.build(), HttpResponse.BodyHandlers.ofString()).statusCode(), "revoked");
        assertFalse(apiTokens.tokensOf("d1").get(0).active());
    }

    @Test
    void adminsCreateAndRevokeTokensOnThePageAndEveryChangeIsAudited() throws Exception {
        users.createUser("admin", "correct horse".toCharArray(), UserStore.Role.ADMIN, "d1", List.of());
        users.createUser("acme-admin", "acme admin pw".toCharArray(), UserStore.Role.ADMIN, "d1", List.of("c1"));
        Browser admin = signedIn("admin", "correct horse");
        HttpResponse<String> created = http.send(as(admin, "/tokens").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("name=erp&csrf=" + admin.csrf())).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, created.statusCode(), created.body());
        java.util.regex.Matcher shown = java.util.regex.Pattern.compile("<code id=\"new-token\">(pst_[A-Za-z0-9_-]+)</code>").matcher(created.body());
        assertTrue(shown.find(), created.body());
        assertEquals("no-store", created.headers().firstValue("Cache-Control").orElse(""));
        assertEquals(200, http.send(HttpRequest.newBuilder(uri("/api/v1/export")).header("Authorization", "Bearer " + shown.group(1)).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode());
        String list = http.send(as(admin, "/tokens").build(), HttpResponse.BodyHandlers.ofString()).body();
        assertFalse(list.contains(shown.group(1)), "the token is shown once");
        long id = apiTokens.tokensOf("d1").get(0).id();
        assertEquals(403, http.send(as(admin, "/tokens/" + id + "/revoke").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("")).build(), HttpResponse.BodyHandlers.ofString()).statusCode(), "no CSRF token");
        Browser acmeAdmin = signedIn("acme-admin", "acme admin pw");
        assertEquals(403, http.send(as(acmeAdmin, "/tokens").build(), HttpResponse.BodyHandlers.ofString()).statusCode(),
                "an admin of some customers only does not manage the dealer's tokens");
        assertEquals(200, http.send(as(admin, "/tokens/" + id + "/revoke").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("csrf=" + admin.csrf())).build(), HttpResponse.BodyHandlers.ofString()).statusCode());
        assertEquals(401, http.send(HttpRequest.newBuilder(uri("/api/v1/export")).header("Authorization", "Bearer " + shown.group(1)).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode());
        List<String> actions = audit.recent("d1", Long.MAX_VALUE, 50).stream().map(AuditLog.Event::action).toList();
        assertTrue(actions.contains("token-created") && actions.contains("token-revoked"), actions.toString());
    }

    @Test
    void theOverviewShowsEachSuppliesRunOutForecast() throws Exception {
        JsonObject agent = activated(siteA);
        String agentId = agent.get("agentId").getAsString();
        java.time.Instant now = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        for (int day = 10; day >= 0; day--) {
            String id = UUID.randomUUID().toString();
            // black 90 % draining 2 %/day: 70 % today, 35 days left; the waste toner's -3 has no forecast
            assertEquals(201, upload(agent, id, report(id, agentId, now.minusSeconds(86_400L * day), 1000 + (10 - day) * 7, 70 + 2 * day))
                    .statusCode());
        }
        users.createUser("viewer", "viewer password".toCharArray(), UserStore.Role.VIEWER, "d1", List.of());
        String page = http.send(as(signedIn("viewer", "viewer password"), "/").build(), HttpResponse.BodyHandlers.ofString()).body();
        String expected = "runs out in about 35 days (" + now.plusSeconds(86_400L * 35).atZone(java.time.ZoneOffset.UTC).toLocalDate() + ")";
        assertTrue(page.contains("<small class=\"forecast\">" + expected + "</small>"), expected + " in " + page);
    }

    static byte[] report(String id, String agent, java.time.Instant at, long total, int level) throws IOException {
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><report xmlns=\"urn:printscout:report:1\" id=\"" + id
                + "\" agent=\"" + agent + "\" site=\"s\" kind=\"status\" finished=\"" + at + "\">"
                + "<device ip=\"10.1.0.5\" serial=\"CNB123\" make=\"HP\" model=\"M404\" readAt=\"" + at + "\"><status device=\"running\" printer=\"idle\"/>"
                + "<meter name=\"total\">" + total + "</meter>"
                + "<supply index=\"1\" type=\"toner\" colorant=\"black\" unit=\"percent\" level=\"" + level + "\" max=\"100\">Black Cartridge</supply>"
                + "<supply index=\"2\" type=\"wasteToner\" level=\"-3\" max=\"-2\">Waste toner</supply></device></report>";
        return zip("report.xml", xml.getBytes(StandardCharsets.UTF_8));
    }
}
