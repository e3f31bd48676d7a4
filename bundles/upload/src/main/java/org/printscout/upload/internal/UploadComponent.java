package org.printscout.upload.internal;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.random.RandomGenerator;

import javax.net.ssl.SSLContext;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;
import org.printscout.api.command.CommandQueue;
import org.printscout.api.config.ConfigurationChecker;
import org.printscout.api.status.StatusContributor;
import org.printscout.api.remoteui.TunnelKeyRegistration;
import org.printscout.api.report.ReportSpool;
import org.printscout.api.rollout.DesiredSet;
import org.printscout.api.rollout.Rollout;
import org.printscout.api.rollout.RolloutPortal;

/**
 * The portal connection: needs a portal URL and an activation key, then runs {@link AgentLoop} on a
 * thread of its own. A configuration change restarts it with the new settings; the identity file
 * keeps it from activating twice. Once the agent is activated it also offers the portal's
 * {@link CommandQueue} as a service (the command bundle polls it), until the component stops.
 */
@Component(service = StatusContributor.class, immediate = true, configurationPid = UploadComponent.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = UploadConfig.class)
public final class UploadComponent implements StatusContributor {

    static final String PID = "org.printscout.upload";
    static final String REPORT_PID = "org.printscout.report";

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile ReportSpool spool;

    private final PortalClient client;
    private final AgentLoop loop;
    private final Thread thread;
    private final String portal;
    private final BundleContext context;
    private ServiceRegistration<CommandQueue> commandQueue;
    private ServiceRegistration<TunnelKeyRegistration> tunnelKeys;
    private ServiceRegistration<RolloutPortal> rolloutPortal;
    private volatile Rollout rollout;
    private boolean stopped;

    @Activate
    public UploadComponent(BundleContext context, @Reference(service = LoggerFactory.class) Logger log,
                           @Reference ConfigurationAdmin configAdmin, @Reference ConfigurationChecker checker,
                           UploadConfig config) {
        URI url = portalUrl(config.portalUrl());
        this.portal = url.toString();
        String key = required("activationKey", config.activationKey());
        SSLContext tls = tls(config);
        PortalClient.Proxy proxy = null;
        if (!config.proxyHost().isBlank()) {
            proxy = new PortalClient.Proxy(config.proxyHost().strip(), range("proxyPort", config.proxyPort(), 1, 65535),
                    config.proxyUser().strip(), config.proxyPassword().toCharArray());
        }
        this.client = new PortalClient(new PortalClient.Settings(url, tls, proxy,
                range("connectTimeoutSeconds", config.connectTimeoutSeconds(), 1, 600),
                range("responseTimeoutSeconds", config.responseTimeoutSeconds(), 1, 3600)));
        int retryBase = range("retryBaseSeconds", config.retryBaseSeconds(), 1, 3600);
        int retryMax = range("retryMaxSeconds", config.retryMaxSeconds(), retryBase, 86400);
        AgentLoop.Timing timing = new AgentLoop.Timing(
                Duration.ofSeconds(range("uploadIntervalSeconds", config.uploadIntervalSeconds(), 1, 86400)),
                Duration.ofSeconds(range("configPollSeconds", config.configPollSeconds(), 10, 86400)),
                Duration.ofSeconds(retryBase), Duration.ofSeconds(retryMax));
        AgentLoop.Log messages = AgentLoop.Log.of(log::info, log::warn, log::error);
        this.context = context;
        this.loop = new AgentLoop(client, portal, key, new IdentityStore(Path.of(required("identityFile", config.identityFile()))),
                new ConfigApplier(configAdmin), checker, () -> spool, identity -> offerCommandQueue(identity, messages), timing, messages,
                Clock.systemUTC(), RandomGenerator.getDefault());
        loop.rollout(this::toRollout);
        this.thread = new Thread(loop, "printscout-upload");
        thread.setDaemon(true);
        thread.start();
        log.info("connecting to the portal " + portal + (proxy == null ? "" : " through the proxy " + proxy.host() + ":" + proxy.port()));
    }

    /**
     * Registers the command queue once the agent has its identity (from the identity file or a fresh
     * activation); the queue is withdrawn before the client closes.
     */
    private synchronized void offerCommandQueue(PortalClient.Identity identity, AgentLoop.Log log) {
        if (stopped || commandQueue != null) {
            return;
        }
        try {
            commandQueue = context.registerService(CommandQueue.class, new PortalCommandQueue(client, identity, log), null);
            tunnelKeys = context.registerService(TunnelKeyRegistration.class, publicKeyLine -> {
                try {
                    client.registerTunnelKey(identity, publicKeyLine);
                } catch (PortalException e) {
                    throw new IOException(e.getMessage(), e);
                }
            }, null);
            rolloutPortal = context.registerService(RolloutPortal.class, new PortalRollout(client, identity), null);
        } catch (IllegalStateException e) {
            // the bundle is stopping: nobody is left to poll
        }
    }

    /** The rollout bundle, when installed; the desired set seen last is handed to one that arrives later. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void setRollout(Rollout service) {
        rollout = service;
        if (loop != null) {
            loop.rollout(this::toRollout);
        }
    }

    void unsetRollout(Rollout service) {
        if (rollout == service) {
            rollout = null;
        }
    }

    private boolean toRollout(DesiredSet set) {
        Rollout service = rollout;
        if (service == null) {
            return false;
        }
        service.desired(set);
        return true;
    }

    @Deactivate
    void deactivate() throws InterruptedException, IOException {
        synchronized (this) {
            stopped = true;
            if (commandQueue != null) {
                commandQueue.unregister();
                commandQueue = null;
            }
            if (tunnelKeys != null) {
                tunnelKeys.unregister();
                tunnelKeys = null;
            }
            if (rolloutPortal != null) {
                rolloutPortal.unregister();
                rolloutPortal = null;
            }
        }
        loop.stop();
        thread.join(10_000);
        client.close();
    }

    private static URI portalUrl(String text) {
        String value = required("portalUrl", text);
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("https") && !scheme.equals("http")) {
                throw new IllegalArgumentException(PID + ": key 'portalUrl' must be an https:// (or http://) URL, not '" + value + "'");
            }
            if (uri.getHost() == null || uri.getQuery() != null || uri.getFragment() != null) {
                throw new IllegalArgumentException(PID + ": key 'portalUrl' needs a host and no query or fragment: '" + value + "'");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(PID + ": key 'portalUrl' is not a URL: " + e.getMessage(), e);
        }
    }

    private static SSLContext tls(UploadConfig config) {
        Set<String> pins = new LinkedHashSet<>();
        for (String pin : config.pinnedSha256() == null ? new String[0] : config.pinnedSha256()) {
            if (!pin.isBlank()) {
                try {
                    pins.add(TlsTrust.normalizeFingerprint(pin));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(PID + ": key 'pinnedSha256': " + e.getMessage(), e);
                }
            }
        }
        String trusted = config.trustedCertificates();
        try {
            return TlsTrust.context(trusted == null || trusted.isBlank() ? null : Path.of(trusted.strip()), pins);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException(PID + ": key 'trustedCertificates': cannot read " + trusted + ": " + e.getMessage(), e);
        }
    }

    private static String required(String key, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(PID + ": key '" + key + "' must be set");
        }
        return value.strip();
    }

    private static int range(String key, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(PID + ": key '" + key + "' is " + value + "; it must be between " + min + " and " + max);
        }
        return value;
    }

    @Override
    public String title() {
        return "portal";
    }

    @Override
    public String text() {
        return portal + ": " + loop.state();
    }

}
