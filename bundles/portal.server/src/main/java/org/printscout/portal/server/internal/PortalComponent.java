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
        "osgi.command.function=user", "osgi.command.function=address"})
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
            server.createContext("/api/", new ImporterApi(store, new ReportParser(limits), limits.maxZippedBytes(), log::warn));
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

    public String address() {
        return server.getAddress().getHostString() + ":" + server.getAddress().getPort();
    }
}
