package org.printscout.portal.server.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;
import org.xml.sax.SAXException;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;

/**
 * The reference portal: migrates the database, then serves the importer API and the web page with
 * the JDK's HTTP server (see docs/portal.md for why not the servlet whiteboard). Also the Gogo
 * commands that provision dealers, customers, sites, activation keys and users.
 */
@Component(service = PortalComponent.class, immediate = true, configurationPid = PortalComponent.PID, property = {
        "osgi.command.scope=portal", "osgi.command.function=dealer", "osgi.command.function=customer",
        "osgi.command.function=site", "osgi.command.function=siteconfig", "osgi.command.function=key",
        "osgi.command.function=user", "osgi.command.function=address", "osgi.command.function=command",
        "osgi.command.function=commands", "osgi.command.function=reports", "osgi.command.function=devices",
        "osgi.command.function=remoteui"})
@Designate(ocd = PortalConfig.class)
public final class PortalComponent {

    static final String PID = "org.printscout.portal.server";

    private final DataSources.Opened database;
    private final PortalStore store;
    private final HttpServer server;
    private final ExecutorService workers;

    @Activate
    public PortalComponent(@Reference(service = LoggerFactory.class) Logger log, PortalConfig config)
            throws SQLException, IOException, SAXException, GeneralSecurityException {
        int port = range("port", config.port(), 0, 65535);
        ReportParser.Limits limits = new ReportParser.Limits(range("maxUploadKib", config.maxUploadKib(), 1, 65536) * 1024,
                range("maxXmlKib", config.maxXmlKib(), 1, 1048576) * 1024, range("maxCompressionRatio", config.maxCompressionRatio(), 2, 10000));
        this.database = DataSources.open(config.jdbcUrl().strip(), config.jdbcUser(), config.jdbcPassword());
        try {
            List<Integer> applied = Migrator.migrate(database.dataSource());
            if (!applied.isEmpty()) {
                log.info("portal database migrated to schema version " + applied.get(applied.size() - 1));
            }
            this.store = new PortalStore(database.dataSource(), Clock.systemUTC());
            InetSocketAddress address = new InetSocketAddress(config.bindAddress(), port);
            if (config.keyStore().isBlank()) {
                server = HttpServer.create(address, 64);
            } else {
                HttpsServer https = HttpsServer.create(address, 64);
                https.setHttpsConfigurator(tls(Path.of(config.keyStore().strip()), config.keyStorePassword().toCharArray()));
                server = https;
            }
            workers = Executors.newFixedThreadPool(8, runnable -> {
                Thread thread = new Thread(runnable, "printscout-portal-http");
                thread.setDaemon(true);
                return thread;
            });
            server.setExecutor(workers);
            server.createContext("/api/", new ImporterApi(store, new ReportParser(limits), limits.maxZippedBytes(),
                    range("maxCommandFileKib", config.maxCommandFileKib(), 1, 262144) * 1024, log::warn));
            server.createContext("/", new Dashboard(store, log::warn));
            server.start();
        } catch (SQLException | IOException | SAXException | GeneralSecurityException | RuntimeException e) {
            database.close();
            throw e;
        }
        log.info("portal listening on " + (config.keyStore().isBlank() ? "http" : "https") + "://"
                + config.bindAddress() + ":" + server.getAddress().getPort() + " with " + config.jdbcUrl().replaceAll(";.*", ""));
    }

    private static HttpsConfigurator tls(Path keyStore, char[] password) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            store.load(in, password);
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, password);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return new HttpsConfigurator(context) {
            @Override
            public void configure(HttpsParameters parameters) {
                SSLParameters ssl = context.getDefaultSSLParameters();
                ssl.setProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
                parameters.setSSLParameters(ssl);
            }
        };
    }

    private static int range(String key, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(PID + ": key '" + key + "' is " + value + "; it must be between " + min + " and " + max);
        }
        return value;
    }

    @Deactivate
    void deactivate() throws SQLException {
        server.stop(1);
        workers.shutdownNow();
        database.close();
    }

    PortalStore store() {
        return store;
    }

    // ---- Gogo: provisioning ----------------------------------------------------------------------

    public String dealer(String id, String name) throws SQLException {
        store.createDealer(id, name);
        return "dealer " + id + " created";
    }

    public String customer(String id, String dealerId, String name) throws SQLException {
        store.createCustomer(id, dealerId, name);
        return "customer " + id + " created";
    }

    public String site(String id, String customerId, String name) throws SQLException {
        store.createSite(id, customerId, name, "{\"configurations\":{}}");
        return "site " + id + " created";
    }

    public String siteconfig(String siteId, String json) throws SQLException {
        com.google.gson.JsonParser.parseString(json).getAsJsonObject();
        store.updateSiteConfig(siteId, json);
        return "site " + siteId + " configuration updated";
    }

    public String key(String siteId) throws SQLException {
        return store.newActivationKey(siteId);
    }

    public String user(String username, String password, String role, String dealerId, String customerId) throws SQLException {
        store.createUser(username, password.toCharArray(), PortalStore.Role.valueOf(role.toUpperCase(java.util.Locale.ROOT)), dealerId,
                customerId.equals("-") ? null : customerId);
        return "user " + username + " created";
    }

    public String command(String agentId, int code, String... arguments) throws SQLException {
        if (!store.agentExists(agentId)) {
            throw new IllegalArgumentException("no agent " + agentId);
        }
        if (!CommandCodes.valid(code)) {
            throw new IllegalArgumentException("command code " + code + " is out of range (1-" + CommandCodes.MAX + ")");
        }
        long id = store.enqueueCommand(agentId, code, String.join(" ", arguments));
        return "command " + id + " (" + CommandCodes.name(code) + ") queued for " + agentId;
    }

    public String commands(String agentId) throws SQLException {
        StringBuilder out = new StringBuilder();
        for (PortalStore.Command c : store.commands(agentId, false)) {
            out.append(c.id()).append('\t').append(c.code()).append('\t').append(c.state()).append('\t').append(c.arguments())
                    .append('\t').append(c.result() == null ? "" : c.result());
            store.commandFileSize(c.id()).ifPresent(size -> out.append("\tfile ").append(size).append(" bytes"));
            out.append('\n');
        }
        return out.toString();
    }

    /** Every stored report, oldest first: id, agent, kind, finished, devices. */
    public String reports() throws SQLException {
        StringBuilder out = new StringBuilder();
        for (PortalStore.ReportRow r : store.reports()) {
            out.append(r.id()).append('\t').append(r.agentId()).append('\t').append(r.kind()).append('\t').append(r.finished())
                    .append('\t').append(r.devices()).append('\n');
        }
        return out.toString();
    }

    /** Every device with its newest meters and supplies, as a table or ({@code --json}) as JSON. */
    public String devices(String... args) throws SQLException {
        List<PortalStore.DeviceReadings> devices = store.deviceReadings();
        if (List.of(args).contains("--json")) {
            JsonArray list = new JsonArray();
            for (PortalStore.DeviceReadings d : devices) {
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
                for (PortalStore.MeterValue meter : d.meters()) {
                    meters.addProperty(meter.name(), meter.value());
                }
                item.add("meters", meters);
                JsonArray supplies = new JsonArray();
                for (PortalStore.SupplyValue supply : d.supplies()) {
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
        for (PortalStore.DeviceReadings d : devices) {
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
        String dealer = store.dealerOf(customerId).orElseThrow(() -> new IllegalArgumentException("no customer " + customerId));
        store.setRemoteUiAllowed(new PortalStore.User("shell", PortalStore.Role.ADMIN, dealer, null), customerId, onOrOff.equals("on"));
        return "remote web UI of customer " + customerId + " " + (onOrOff.equals("on") ? "allowed" : "not allowed");
    }

    public String address() {
        return server.getAddress().getHostString() + ":" + server.getAddress().getPort();
    }
}
