package org.printscout.portal.server.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.servlet.runtime.HttpServiceRuntime;
import org.osgi.service.servlet.runtime.HttpServiceRuntimeConstants;
import org.xml.sax.SAXException;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/**
 * The reference portal's core: migrates the database and holds the stores (tenancy, reports, commands,
 * read models, users), the report parser and the limits the servlets use ({@link AgentApiServlet}, {@link PageServlet}, on the OSGi Servlet
 * Whiteboard served by Felix HTTP Jetty). It keeps the listener of Felix HTTP (PID
 * {@value #HTTP_PID}: address, port, TLS) in step with this component's {@code bindAddress},
 * {@code port} and {@code keyStore}, so an operator configures the portal in one place; Jetty's own
 * limits (timeouts, threads, header size) are that PID's other keys (features/portal.json). Also
 * the Gogo commands that provision dealers, customers, sites, activation keys and users.
 */
@Component(service = PortalComponent.class, immediate = true, configurationPid = PortalComponent.PID, property = {
        "osgi.command.scope=portal", "osgi.command.function=dealer", "osgi.command.function=customer",
        "osgi.command.function=site", "osgi.command.function=siteconfig", "osgi.command.function=key",
        "osgi.command.function=user", "osgi.command.function=address", "osgi.command.function=command",
        "osgi.command.function=commands", "osgi.command.function=reports", "osgi.command.function=devices",
        "osgi.command.function=remoteui", "osgi.command.function=agents",
        "osgi.command.function=audit", "osgi.command.function=token", "osgi.command.function=tokens"})
@Designate(ocd = PortalConfig.class)
public final class PortalComponent {

    static final String PID = "org.printscout.portal.server";
    /** Felix HTTP Jetty's configuration. */
    static final String HTTP_PID = "org.apache.felix.http";

    private final DataSources.Opened database;
    private final TenancyStore tenancy;
    private final ReportStore reportStore;
    private final CommandStore commandStore;
    private final ReadModels readModels;
    private final UserStore users;
    private final ApiTokenStore apiTokens;
    private final MeterExport meterExport;
    private final DeviceStore deviceStore;
    private final SessionStore sessionStore;
    private final AuditLog auditLog;
    private final ReportParser parser;
    private final int maxUploadBytes;
    private final int maxCommandFileBytes;
    private final BundleContext context;

    @Activate
    public PortalComponent(@Reference(service = LoggerFactory.class) Logger log, @Reference ConfigurationAdmin configurationAdmin,
                           BundleContext context, PortalConfig config) throws SQLException, IOException, SAXException {
        this.context = context;
        int port = range("port", config.port(), 0, 65535);
        ReportParser.Limits limits = new ReportParser.Limits(range("maxUploadKib", config.maxUploadKib(), 1, 65536) * 1024,
                range("maxXmlKib", config.maxXmlKib(), 1, 1048576) * 1024, range("maxCompressionRatio", config.maxCompressionRatio(), 2, 10000));
        this.maxUploadBytes = limits.maxZippedBytes();
        this.maxCommandFileBytes = range("maxCommandFileKib", config.maxCommandFileKib(), 1, 262144) * 1024;
        if (!config.keyStore().isBlank() && !Files.isReadable(Path.of(config.keyStore().strip()))) {
            throw new IllegalArgumentException(PID + ": key 'keyStore' names " + config.keyStore() + ", which cannot be read");
        }
        DataSources.Pool pool = new DataSources.Pool(range("poolMaxConnections", config.poolMaxConnections(), 1, 200),
                java.time.Duration.ofSeconds(range("poolConnectionTimeoutSeconds", config.poolConnectionTimeoutSeconds(), 1, 300)),
                java.time.Duration.ofSeconds(range("poolIdleTimeoutSeconds", config.poolIdleTimeoutSeconds(), 10, 86400)),
                java.time.Duration.ofSeconds(range("poolMaxLifetimeSeconds", config.poolMaxLifetimeSeconds(), 30, 86400)));
        this.database = DataSources.open(config.jdbcUrl().strip(), config.jdbcUser(), config.jdbcPassword(), pool);
        try {
            List<Integer> applied = Migrator.migrate(database.dataSource());
            if (!applied.isEmpty()) {
                log.info("portal database migrated to schema version " + applied.get(applied.size() - 1));
            }
            this.tenancy = new TenancyStore(database.dataSource(), Clock.systemUTC());
            this.reportStore = new ReportStore(database.dataSource(), Clock.systemUTC());
            this.commandStore = new CommandStore(database.dataSource(), Clock.systemUTC());
            this.readModels = new ReadModels(database.dataSource());
            this.users = new UserStore(database.dataSource());
            this.apiTokens = new ApiTokenStore(database.dataSource(), Clock.systemUTC());
            this.meterExport = new MeterExport(database.dataSource());
            this.deviceStore = new DeviceStore(database.dataSource(), Clock.systemUTC());
            this.sessionStore = new SessionStore(database.dataSource(), Clock.systemUTC());
            this.auditLog = new AuditLog(database.dataSource(), Clock.systemUTC());
            int parses = range("maxConcurrentParses", config.maxConcurrentParses(), 0, 64);
            this.parser = new ReportParser(limits, parses == 0 ? ReportParser.concurrencyFor(limits, Runtime.getRuntime().maxMemory()) : parses,
                    ReportParser.MAX_WAIT, Clock.systemUTC(),
                    java.time.Duration.ofSeconds(range("maxClockSkewSeconds", config.maxClockSkewSeconds(), 0, 86400)));
            log.info("portal parses at most " + parser.concurrency() + " uploads at once");
            if (listen(configurationAdmin, config, port)) {
                log.info("portal: Felix HTTP (" + HTTP_PID + ") set to listen on " + config.bindAddress() + ":" + port);
            }
        } catch (SQLException | IOException | SAXException | RuntimeException e) {
            database.close();
            throw e;
        }
        log.info("portal serving " + (config.keyStore().isBlank() ? "http" : "https") + "://" + config.bindAddress() + ":" + port
                + " with " + config.jdbcUrl().replaceAll(";.*", ""));
    }

    /**
     * Sets the listener keys of Felix HTTP from this component's configuration, leaving its other keys
     * (timeouts, threads, header size) alone; true when something changed (Jetty then restarts its
     * connector). TLS: PKCS#12 key store, TLS 1.3 and 1.2 only, plain HTTP off.
     */
    private static boolean listen(ConfigurationAdmin admin, PortalConfig config, int port) throws IOException {
        Map<String, String> wanted = new LinkedHashMap<>();
        wanted.put("org.apache.felix.http.host", config.bindAddress().strip());
        if (config.keyStore().isBlank()) {
            wanted.put("org.apache.felix.http.enable", "true");
            wanted.put("org.osgi.service.http.port", Integer.toString(port));
            wanted.put("org.apache.felix.https.enable", "false");
        } else {
            wanted.put("org.apache.felix.http.enable", "false");
            wanted.put("org.apache.felix.https.enable", "true");
            wanted.put("org.osgi.service.http.port.secure", Integer.toString(port));
            wanted.put("org.apache.felix.https.keystore", config.keyStore().strip());
            wanted.put("org.apache.felix.https.keystore.password", config.keyStorePassword());
            wanted.put("org.apache.felix.https.keystore.key.password", config.keyStorePassword());
            wanted.put("org.apache.felix.https.keystore.type", "PKCS12");
            wanted.put("org.apache.felix.https.jetty.protocols.included", "TLSv1.3,TLSv1.2");
        }
        Configuration http = admin.getConfiguration(HTTP_PID, "?");
        Dictionary<String, Object> properties = http.getProperties() == null ? new Hashtable<>() : http.getProperties();
        boolean changed = false;
        for (Map.Entry<String, String> key : wanted.entrySet()) {
            Object current = properties.get(key.getKey());
            if (!Objects.equals(current == null ? null : current.toString(), key.getValue())) {
                properties.put(key.getKey(), key.getValue());
                changed = true;
            }
        }
        if (changed) {
            http.update(properties);
        }
        return changed;
    }

    private static int range(String key, int value, int min, int max) {
        return ConfigValues.range(PID, key, value, min, max);
    }

    @Deactivate
    void deactivate() throws SQLException {
        database.close();
    }

    TenancyStore tenancyStore() {
        return tenancy;
    }

    ReportStore reportStore() {
        return reportStore;
    }

    CommandStore commandStore() {
        return commandStore;
    }

    ReadModels readModels() {
        return readModels;
    }

    SessionStore sessionStore() {
        return sessionStore;
    }

    AuditLog auditLog() {
        return auditLog;
    }

    UserStore userStore() {
        return users;
    }

    ApiTokenStore apiTokens() {
        return apiTokens;
    }

    MeterExport meterExport() {
        return meterExport;
    }

    DeviceStore deviceStore() {
        return deviceStore;
    }

    ReportParser parser() {
        return parser;
    }

    /** For stores that live in other components of this bundle (the remote web UI's). */
    javax.sql.DataSource dataSource() {
        return database.dataSource();
    }

    int maxUploadBytes() {
        return maxUploadBytes;
    }

    int maxCommandFileBytes() {
        return maxCommandFileBytes;
    }

    // ---- Gogo: provisioning ----------------------------------------------------------------------

    public String dealer(String id, String name) throws SQLException {
        tenancy.createDealer(id, name);
        return "dealer " + id + " created";
    }

    public String customer(String id, String dealerId, String name) throws SQLException {
        tenancy.createCustomer(id, dealerId, name);
        return "customer " + id + " created";
    }

    public String site(String id, String customerId, String name) throws SQLException {
        tenancy.createSite(id, customerId, name, "{\"configurations\":{}}");
        return "site " + id + " created";
    }

    public String siteconfig(String siteId, String json) throws SQLException {
        try {
            Json.object(json);
        } catch (Json.Refused e) {
            throw new IllegalArgumentException("the site configuration is refused: " + e.getMessage());
        }
        tenancy.updateSiteConfig(siteId, json);
        return "site " + siteId + " configuration updated";
    }

    public String key(String siteId) throws SQLException {
        return tenancy.newActivationKey(siteId);
    }

    /** Creates a user; {@code customers} is "-" for all of the dealer's, else customer ids separated by commas. */
    public String user(String username, String password, String role, String dealerId, String customers) throws SQLException {
        UserStore.Role parsed;
        try {
            parsed = UserStore.Role.valueOf(role.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("role must be admin, technician or viewer, not " + role);
        }
        List<String> customerIds = customers.equals("-") ? List.of() : List.of(customers.split(","));
        if (!users.createUser(username, password.toCharArray(), parsed, dealerId, customerIds)) {
            throw new IllegalArgumentException("a user named " + username + " exists already");
        }
        return "user " + username + " created";
    }

    /** The newest audit rows of every dealer (and of none: failures for unknown names), newest first. */
    public String audit() throws SQLException {
        StringBuilder out = new StringBuilder();
        for (AuditLog.Event e : auditLog.recent(null, Long.MAX_VALUE, 200)) {
            out.append(e.id()).append('\t').append(e.at()).append('\t').append(e.dealerId() == null ? "-" : e.dealerId()).append('\t')
                    .append(e.actor()).append('\t').append(e.address()).append('\t').append(e.action()).append('\t').append(e.target())
                    .append('\t').append(e.detail()).append('\n');
        }
        return out.toString();
    }

    /**
     * A dealer's read-only API token for the meter export: {@code token create DEALER NAME} prints the
     * new token (only now), {@code token revoke DEALER ID} revokes one. Audited as done by "shell".
     */
    public String token(String action, String dealerId, String nameOrId) throws SQLException {
        if (!tenancy.dealerExists(dealerId)) {
            throw new IllegalArgumentException("no dealer " + dealerId);
        }
        switch (action) {
            case "create": {
                ApiTokenStore.Created created = apiTokens.create(dealerId, nameOrId, "shell");
                auditLog.record(dealerId, "shell", "console", AuditLog.Action.TOKEN_CREATED, "token " + created.id(), nameOrId);
                return created.token();
            }
            case "revoke": {
                long id;
                try {
                    id = Long.parseLong(nameOrId);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("a token's id is a number (portal:tokens " + dealerId + " lists them)");
                }
                if (!apiTokens.revoke(dealerId, id)) {
                    throw new IllegalArgumentException("dealer " + dealerId + " has no live token " + id);
                }
                auditLog.record(dealerId, "shell", "console", AuditLog.Action.TOKEN_REVOKED, "token " + id, "");
                return "token " + id + " revoked";
            }
            default:
                throw new IllegalArgumentException("usage: portal:token create DEALER NAME | portal:token revoke DEALER ID");
        }
    }

    /** A dealer's API tokens: id, name, created, by whom, last used, and whether revoked. */
    public String tokens(String dealerId) throws SQLException {
        StringBuilder out = new StringBuilder();
        for (ApiTokenStore.TokenRow t : apiTokens.tokensOf(dealerId)) {
            out.append(t.id()).append('\t').append(t.name()).append('\t').append(t.created()).append('\t').append(t.createdBy()).append('\t')
                    .append(t.lastUsed() == null ? "never used" : "used " + t.lastUsed()).append('\t')
                    .append(t.revoked() == null ? "active" : "revoked " + t.revoked()).append('\n');
        }
        return out.toString();
    }

    public String command(String agentId, int code, String... arguments) throws SQLException {
        if (!tenancy.agentExists(agentId)) {
            throw new IllegalArgumentException("no agent " + agentId);
        }
        if (!CommandCodes.valid(code)) {
            throw new IllegalArgumentException("command code " + code + " is out of range (1-" + CommandCodes.MAX + ")");
        }
        long id = commandStore.enqueueCommand(agentId, code, String.join(" ", arguments));
        return "command " + id + " (" + CommandCodes.name(code) + ") queued for " + agentId;
    }

    public String commands(String agentId) throws SQLException {
        StringBuilder out = new StringBuilder();
        for (CommandStore.Command c : commandStore.commands(agentId, false)) {
            out.append(c.id()).append('\t').append(c.code()).append('\t').append(c.state()).append('\t').append(c.arguments())
                    .append('\t').append(c.result() == null ? "" : c.result());
            commandStore.commandFileSize(c.id()).ifPresent(size -> out.append("\tfile ").append(size).append(" bytes"));
            out.append('\n');
        }
        return out.toString();
    }

    /** Every stored report, oldest first: id, agent, kind, finished, devices. */
    public String reports() throws SQLException {
        StringBuilder out = new StringBuilder();
        for (ReadModels.ReportRow r : readModels.reports()) {
            out.append(r.id()).append('\t').append(r.agentId()).append('\t').append(r.kind()).append('\t').append(r.finished())
                    .append('\t').append(r.devices()).append('\n');
        }
        return out.toString();
    }

    /** Every device with its newest meters and supplies, as a table or ({@code --json}) as JSON. */
    public String devices(String... args) throws SQLException {
        List<ReadModels.DeviceReadings> devices = readModels.deviceReadings();
        if (List.of(args).contains("--json")) {
            JsonArray list = new JsonArray();
            for (ReadModels.DeviceReadings d : devices) {
                JsonObject item = new JsonObject();
                item.addProperty("site", d.siteId());
                item.addProperty("ip", d.ip());
                item.addProperty("mac", d.mac());
                item.addProperty("serial", d.serial());
                item.addProperty("make", d.make());
                item.addProperty("model", d.model());
                item.addProperty("status", d.status());
                item.addProperty("lastSeen", d.lastSeen().toString());
                JsonObject meters = new JsonObject();
                for (ReadModels.MeterValue meter : d.meters()) {
                    meters.addProperty(meter.name(), meter.value());
                }
                item.add("meters", meters);
                JsonArray supplies = new JsonArray();
                for (ReadModels.SupplyValue supply : d.supplies()) {
                    JsonObject one = new JsonObject();
                    one.addProperty("index", supply.index());
                    one.addProperty("description", supply.description());
                    one.addProperty("type", supply.type());
                    one.addProperty("colorant", supply.colorant());
                    one.addProperty("level", supply.level());
                    one.addProperty("max", supply.max());
                    supplies.add(one);
                }
                item.add("supplies", supplies);
                list.add(item);
            }
            return list.toString();
        }
        StringBuilder out = new StringBuilder();
        for (ReadModels.DeviceReadings d : devices) {
            out.append(d.siteId()).append('\t').append(d.ip()).append('\t').append(d.serial()).append('\t').append(d.make())
                    .append(' ').append(d.model()).append('\t').append(d.meters().size()).append(" meters\t")
                    .append(d.supplies().size()).append(" supplies\n");
        }
        return out.toString();
    }

    /** The operator at the portal's shell acts as the dealer's admin. */
    public String remoteui(String customerId, String onOrOff) throws SQLException {
        if (!onOrOff.equals("on") && !onOrOff.equals("off")) {
            throw new IllegalArgumentException("usage: portal:remoteui CUSTOMER on|off");
        }
        String dealer = tenancy.dealerOf(customerId).orElseThrow(() -> new IllegalArgumentException("no customer " + customerId));
        tenancy.setRemoteUiAllowed(new UserStore.User("shell", UserStore.Role.ADMIN, dealer, true), customerId, onOrOff.equals("on"));
        return "remote web UI of customer " + customerId + " " + (onOrOff.equals("on") ? "allowed" : "not allowed");
    }

    /** Where Felix HTTP listens, as host:port (from its runtime service's endpoints), or why it does not. */
    public String address() throws InvalidSyntaxException {
        for (ServiceReference<HttpServiceRuntime> runtime : context.getServiceReferences(HttpServiceRuntime.class, null)) {
            Object endpoints = runtime.getProperty(HttpServiceRuntimeConstants.HTTP_SERVICE_ENDPOINT);
            String[] list = endpoints instanceof String[] ? (String[]) endpoints
                    : endpoints instanceof java.util.Collection ? ((java.util.Collection<?>) endpoints).stream().map(String::valueOf).toArray(String[]::new)
                    : endpoints == null ? new String[0] : new String[] {endpoints.toString()};
            for (String endpoint : list) {
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("https?://([^/]+)/?.*").matcher(endpoint);
                if (m.matches() && !m.group(1).endsWith(":0")) {
                    return m.group(1);
                }
            }
        }
        return "not listening (Felix HTTP has no endpoint; see data/log)";
    }

    /** Every agent: id, site, last contact, and its verdict on the site configuration (applied, or refused and why). */
    public String agents() throws SQLException {
        StringBuilder out = new StringBuilder();
        for (ReadModels.AgentOverview agent : readModels.agentOverview()) {
            out.append(agent.agentId()).append('\t').append(agent.siteId()).append('\t')
                    .append(agent.lastContact() == null ? "never" : agent.lastContact().toString()).append('\t');
            if (agent.configStatus().isEmpty()) {
                out.append("config: not reported");
            } else {
                TenancyStore.ConfigStatus status = agent.configStatus().get();
                out.append(status.applied() ? "config: applied " : "config: REFUSED ").append(status.etag()).append(" at ").append(status.reported());
                if (!status.applied()) {
                    out.append(": ").append(status.reason().replaceAll("\\p{Cntrl}", " "));
                }
            }
            out.append('\n');
        }
        return out.toString();
    }
}
