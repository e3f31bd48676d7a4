package org.printscout.upload.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;

import org.apache.hc.client5.http.auth.AuthScope;
import org.apache.hc.client5.http.auth.UsernamePasswordCredentials;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.classic.methods.HttpPut;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.auth.BasicCredentialsProvider;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder;
import org.apache.hc.client5.http.ssl.DefaultHostnameVerifier;
import org.apache.hc.client5.http.ssl.HostnameVerificationPolicy;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.FileEntity;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.http.ssl.TLS;
import org.apache.hc.core5.util.Timeout;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

/**
 * The importer API of docs/importer-api.yaml, over HttpClient 5. HTTPS only with TLS 1.3/1.2, a full
 * certificate check ({@link TlsTrust}) and the host name checked against the certificate; plain
 * HTTP only when the configured portal URL is an http:// URL. Retries are the caller's: this client
 * makes one attempt per call and says why it failed.
 */
final class PortalClient implements AutoCloseable {

    /** An HTTP proxy, with credentials when user is not empty. */
    record Proxy(String host, int port, String user, char[] password) {
    }

    record Settings(URI portal, SSLContext tls, Proxy proxy, int connectTimeoutSeconds, int responseTimeoutSeconds) {
    }

    /**
     * Who this agent is at the portal, from activation. The secret is never logged. {@code artifactKeys}
     * are the dealer's public keys named at activation, pinned with the identity (docs/rollout.md).
     */
    record Identity(String agentId, String secret, String siteId, List<String> artifactKeys) {
        Identity {
            artifactKeys = List.copyOf(artifactKeys);
        }

        Identity(String agentId, String secret, String siteId) {
            this(agentId, secret, siteId, List.of());
        }

        @Override
        public String toString() {
            return "Identity[agentId=" + agentId + ", siteId=" + siteId + "]";
        }
    }

    /** A site configuration document and its ETag. */
    record SiteConfig(String etag, String json) {
    }

    enum UploadOutcome {
        STORED, ALREADY_STORED
    }

    /** Command ids go into URL paths: numbers as the portal issues them, or at least nothing that moves the path. */
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final URI portal;
    private final CloseableHttpClient http;

    PortalClient(Settings settings) {
        this.portal = withTrailingSlash(settings.portal());
        HttpClientBuilder builder = HttpClientBuilder.create()
                .disableCookieManagement()
                .disableAutomaticRetries()
                .setUserAgent("PrintScout-Agent")
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setTlsSocketStrategy(ClientTlsStrategyBuilder.create()
                                .setSslContext(settings.tls())
                                .setTlsVersions(TLS.V_1_3, TLS.V_1_2)
                                // both JSSE's endpoint identification and HttpClient's own check
                                .setHostVerificationPolicy(HostnameVerificationPolicy.BOTH)
                                .setHostnameVerifier(new DefaultHostnameVerifier())
                                .buildClassic())
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(settings.connectTimeoutSeconds(), TimeUnit.SECONDS)
                                .setSocketTimeout(settings.responseTimeoutSeconds(), TimeUnit.SECONDS)
                                .build())
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setResponseTimeout(Timeout.ofSeconds(settings.responseTimeoutSeconds()))
                        .build());
        Proxy proxy = settings.proxy();
        if (proxy != null) {
            builder.setProxy(new HttpHost("http", proxy.host(), proxy.port()));
            if (!proxy.user().isEmpty()) {
                BasicCredentialsProvider credentials = new BasicCredentialsProvider();
                credentials.setCredentials(new AuthScope(proxy.host(), proxy.port()),
                        new UsernamePasswordCredentials(proxy.user(), proxy.password()));
                builder.setDefaultCredentialsProvider(credentials);
            }
        }
        this.http = builder.build();
    }

    private static URI withTrailingSlash(URI uri) {
        String text = uri.toString();
        return text.endsWith("/") ? uri : URI.create(text + "/");
    }

    /** Exchanges the activation key for this agent's id and credentials. */
    Identity activate(String activationKey, String hostname) throws PortalException {
        JsonObject request = new JsonObject();
        request.addProperty("activationKey", activationKey);
        request.addProperty("hostname", hostname);
        HttpPost post = new HttpPost(portal.resolve("api/v1/activate"));
        post.setEntity(new StringEntity(request.toString(), ContentType.APPLICATION_JSON));
        Response response = send(post);
        if (response.status() == 401 || response.status() == 403 || response.status() == 404) {
            throw new PortalException(PortalException.Reason.KEY_REJECTED, "the portal " + portal
                    + " refused the activation key (HTTP " + response.status() + response.message() + ")");
        }
        expectSuccess(response, "activation");
        try {
            JsonObject answer = JsonParser.parseString(response.body()).getAsJsonObject();
            List<String> keys = new ArrayList<>();
            JsonElement artifactKeys = answer.get("artifactKeys");
            if (artifactKeys != null && !artifactKeys.isJsonNull()) {
                for (JsonElement key : artifactKeys.getAsJsonArray()) {
                    keys.add(key.getAsString());
                }
            }
            return new Identity(text(answer, "agentId"), text(answer, "secret"),
                    answer.has("siteId") ? answer.get("siteId").getAsString() : "", keys);
        } catch (JsonParseException | IllegalStateException | UnsupportedOperationException e) {
            throw new PortalException(PortalException.Reason.PORTAL_ERROR,
                    "the portal's activation answer is not the expected JSON: " + e.getMessage(), e);
        }
    }

    private static String text(JsonObject object, String key) {
        if (!object.has(key) || object.get(key).getAsString().isBlank()) {
            throw new IllegalStateException("'" + key + "' is missing");
        }
        return object.get(key).getAsString();
    }

    /** The site's configuration, or empty when it is still the one with {@code etag}. */
    Optional<SiteConfig> siteConfig(Identity identity, String etag) throws PortalException {
        HttpGet get = new HttpGet(agentUri(identity, "config"));
        authorize(get, identity);
        if (etag != null && !etag.isEmpty()) {
            get.setHeader("If-None-Match", etag);
        }
        Response response = send(get);
        if (response.status() == 304) {
            return Optional.empty();
        }
        unauthorized(response);
        expectSuccess(response, "site configuration");
        return Optional.of(new SiteConfig(response.etag() == null ? "" : response.etag(), response.body()));
    }

    /**
     * Uploads one report. The report id is the URL and the Idempotency-Key: a report that arrives twice
     * (an answer lost after the portal stored it) is counted once.
     */
    UploadOutcome upload(Identity identity, String reportId, byte[] zipped) throws PortalException {
        HttpPut put = new HttpPut(agentUri(identity, "reports/" + reportId));
        authorize(put, identity);
        put.setHeader("Idempotency-Key", reportId);
        put.setEntity(new ByteArrayEntity(zipped, ContentType.create("application/zip")));
        Response response = send(put);
        unauthorized(response);
        if (response.status() == 200) {
            return UploadOutcome.ALREADY_STORED;
        }
        if (response.status() == 201 || response.status() == 204) {
            return UploadOutcome.STORED;
        }
        if ((response.status() < 200 || response.status() >= 300) && !REPORT_REFUSALS.contains(response.status())) {
            // Not the portal's verdict on this report: a portal still starting answers 404 before its
            // API is registered, a proxy in front may answer 405. Setting the report aside for that
            // would lose it, so it waits in the spool and is sent again after the back-off.
            throw new PortalException(PortalException.Reason.PORTAL_ERROR, "report " + reportId + ": the portal answered HTTP "
                    + response.status() + response.message() + ", which does not refuse the report; it stays in the spool", response.status());
        }
        expectSuccess(response, "report " + reportId);
        return UploadOutcome.STORED;
    }

    /** A queued command as the portal sends it; {@code code} is text and may not be a number. */
    record QueuedCommand(String id, String code, String arguments) {
    }

    /** The commands read from a poll, and a description of each entry that could not be read (it cannot be answered). */
    record CommandList(List<QueuedCommand> commands, List<String> unreadable) {
    }

    /** The commands queued for this agent, oldest first (each is handed out once). */
    CommandList commands(Identity identity) throws PortalException {
        HttpGet get = new HttpGet(agentUri(identity, "commands"));
        authorize(get, identity);
        Response response = send(get);
        unauthorized(response);
        expectSuccess(response, "command poll");
        JsonArray array;
        try {
            array = JsonParser.parseString(response.body()).getAsJsonArray();
        } catch (JsonParseException | IllegalStateException e) {
            throw new PortalException(PortalException.Reason.PORTAL_ERROR,
                    "the portal's command list is not a JSON array: " + e.getMessage(), e);
        }
        // One entry that cannot be read must not cost the others: they were handed out already.
        List<QueuedCommand> commands = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        for (JsonElement element : array) {
            try {
                JsonObject command = element.getAsJsonObject();
                String id = text(command, "id");
                if (!SAFE_ID.matcher(id).matches()) {
                    throw new IllegalStateException("'id' " + id + " is not a command id");
                }
                commands.add(new QueuedCommand(id, optional(command, "code"), optional(command, "arguments")));
            } catch (IllegalStateException | UnsupportedOperationException e) {
                String text = element.toString();
                unreadable.add((text.length() > 200 ? text.substring(0, 200) + "..." : text) + " (" + e.getMessage() + ")");
            }
        }
        return new CommandList(commands, unreadable);
    }

    private static String optional(JsonObject object, String key) {
        JsonElement value = object.get(key);
        return value == null || value.isJsonNull() ? "" : value.getAsString();
    }

    /**
     * Uploads the zip of a command's result files. 404 (not this agent's command, or finished) and
     * 413 (too large) are refusals for good: {@link PortalException.Reason#REJECTED} with the status.
     */
    void commandFile(Identity identity, String commandId, Path zip) throws PortalException {
        HttpPut put = new HttpPut(agentUri(identity, "commands/" + commandId + "/file"));
        authorize(put, identity);
        put.setEntity(new FileEntity(zip.toFile(), ContentType.create("application/zip")));
        Response response = send(put);
        unauthorized(response);
        expectSuccess(response, "result file of command " + commandId);
    }

    /** Reports a command's outcome ({@code done}, {@code failed}, {@code unsupported}) and result text. */
    void commandResult(Identity identity, String commandId, String outcome, String result) throws PortalException {
        JsonObject body = new JsonObject();
        body.addProperty("outcome", outcome);
        body.addProperty("result", result);
        HttpPost post = new HttpPost(agentUri(identity, "commands/" + commandId));
        authorize(post, identity);
        post.setEntity(new StringEntity(body.toString(), ContentType.APPLICATION_JSON));
        Response response = send(post);
        unauthorized(response);
        expectSuccess(response, "result of command " + commandId);
    }

    /**
     * Tells the portal whether the site configuration with this ETag was applied, and if not why
     * (PID, key, reason), so the dealer sees it without reading the agent's log.
     */
    void configStatus(Identity identity, String etag, boolean applied, String reason) throws PortalException {
        JsonObject body = new JsonObject();
        body.addProperty("etag", etag == null ? "" : etag);
        body.addProperty("applied", applied);
        body.addProperty("reason", reason.length() > 2000 ? reason.substring(0, 1997) + "..." : reason);
        HttpPost post = new HttpPost(agentUri(identity, "config-status"));
        authorize(post, identity);
        post.setEntity(new StringEntity(body.toString(), ContentType.APPLICATION_JSON));
        Response response = send(post);
        unauthorized(response);
        expectSuccess(response, "site configuration status");
    }

    /** Registers the agent's SSH public key for the remote web UI's tunnel server. */
    void registerTunnelKey(Identity identity, String publicKeyLine) throws PortalException {
        JsonObject body = new JsonObject();
        body.addProperty("publicKey", publicKeyLine);
        HttpPost post = new HttpPost(agentUri(identity, "remote-ui/key"));
        authorize(post, identity);
        post.setEntity(new StringEntity(body.toString(), ContentType.APPLICATION_JSON));
        Response response = send(post);
        unauthorized(response);
        expectSuccess(response, "tunnel key registration");
    }

    /**
     * Opens the download of an artifact of this agent's desired set; the stream closes the response.
     * The URL is made from the SHA-256 (the contract's path), never taken from the document.
     */
    InputStream artifact(Identity identity, String sha256) throws PortalException {
        if (!SHA256.matcher(sha256).matches()) {
            throw new PortalException(PortalException.Reason.REJECTED, "artifact " + sha256 + ": not a SHA-256");
        }
        HttpGet get = new HttpGet(agentUri(identity, "artifacts/" + sha256));
        authorize(get, identity);
        String target = "GET " + portal.getScheme() + "://" + portal.getAuthority() + get.getRequestUri();
        ClassicHttpResponse answer;
        try {
            answer = http.executeOpen(null, get, null);
        } catch (IOException e) {
            throw new PortalException(PortalException.Reason.UNREACHABLE, target + ": " + e.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
        try {
            int status = answer.getCode();
            if (status != 200 || answer.getEntity() == null) {
                String body = answer.getEntity() == null ? "" : EntityUtils.toString(answer.getEntity(), StandardCharsets.UTF_8, 2000);
                answer.close();
                Response response = new Response(status, body, null);
                unauthorized(response);
                expectSuccess(response, "artifact " + sha256);
                throw new PortalException(PortalException.Reason.PORTAL_ERROR, "artifact " + sha256 + ": the portal answered HTTP " + status
                        + " without the artifact", status);
            }
            InputStream content = answer.getEntity().getContent();
            return new FilterInputStream(content) {
                @Override
                public void close() throws IOException {
                    try {
                        super.close();
                    } finally {
                        answer.close();
                    }
                }
            };
        } catch (IOException | org.apache.hc.core5.http.ParseException e) {
            try {
                answer.close();
            } catch (IOException ignored) {
                // already failing
            }
            throw new PortalException(PortalException.Reason.UNREACHABLE, target + ": " + e.getMessage(), e);
        }
    }

    /** Reports what became of a desired set (JSON of the contract, at most 64 KiB). */
    void rolloutStatus(Identity identity, String json) throws PortalException {
        HttpPost post = new HttpPost(agentUri(identity, "rollout-status"));
        authorize(post, identity);
        post.setEntity(new StringEntity(json, ContentType.APPLICATION_JSON));
        Response response = send(post);
        unauthorized(response);
        expectSuccess(response, "rollout status");
    }

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private URI agentUri(Identity identity, String path) {
        try {
            return portal.resolve(new URI(null, null, "api/v1/agents/" + identity.agentId() + "/" + path, null));
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("agent id '" + identity.agentId() + "' cannot be part of a URL", e);
        }
    }

    private static void authorize(HttpUriRequestBase request, Identity identity) {
        String pair = identity.agentId() + ":" + identity.secret();
        request.setHeader("Authorization", "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
    }

    private void unauthorized(Response response) throws PortalException {
        if (response.status() == 401 || response.status() == 403) {
            throw new PortalException(PortalException.Reason.UNAUTHORIZED, "the portal " + portal
                    + " refused this agent's credentials (HTTP " + response.status() + response.message()
                    + "); the agent may have been removed there; activate it again with a new key");
        }
    }

    private void expectSuccess(Response response, String what) throws PortalException {
        int status = response.status();
        if (status >= 200 && status < 300) {
            return;
        }
        String message = what + ": the portal answered HTTP " + status + response.message();
        if (status >= 500 || status == 429 || status == 408) {
            throw new PortalException(PortalException.Reason.PORTAL_ERROR, message, status);
        }
        throw new PortalException(PortalException.Reason.REJECTED, message, status);
    }

    /**
     * The answers by which the portal refuses a report itself, for good: malformed request (400), the
     * id taken by another report (409), too large (413), not a zip (415), content it cannot store (422).
     */
    static final Set<Integer> REPORT_REFUSALS = Set.of(400, 409, 413, 415, 422);

    /** The longest answer read from the portal: site configurations and command lists are far smaller. */
    static final int MAX_ANSWER_CHARS = 4 * 1024 * 1024;

    private static final class AnswerTooLarge extends IOException {
        private static final long serialVersionUID = 1L;
    }

    private record Response(int status, String body, String etag) {
        /** The portal's error text, short, for messages. */
        String message() {
            if (body == null || body.isBlank()) {
                return "";
            }
            String text = body.strip();
            return ": " + (text.length() > 200 ? text.substring(0, 200) + "..." : text);
        }
    }

    private Response send(HttpUriRequestBase request) throws PortalException {
        String target = request.getMethod() + " " + portal.getScheme() + "://" + portal.getAuthority() + request.getRequestUri();
        try {
            return http.execute(request, answer -> {
                Header etag = answer.getFirstHeader("ETag");
                // a portal's answer is read up to a bound: a hostile or broken one cannot fill the agent's heap
                String body = answer.getEntity() == null ? "" : EntityUtils.toString(answer.getEntity(), StandardCharsets.UTF_8,
                        MAX_ANSWER_CHARS + 1);
                if (body.length() > MAX_ANSWER_CHARS) {
                    throw new AnswerTooLarge();
                }
                return new Response(answer.getCode(), body, etag == null ? null : etag.getValue());
            });
        } catch (AnswerTooLarge e) {
            throw new PortalException(PortalException.Reason.PORTAL_ERROR, target + ": the portal's answer is longer than "
                    + MAX_ANSWER_CHARS + " characters; it is not read", e);
        } catch (SSLPeerUnverifiedException e) {
            throw new PortalException(PortalException.Reason.UNREACHABLE, target + ": the portal's certificate does not"
                    + " name the host " + portal.getHost() + " (" + e.getMessage() + ")", e);
        } catch (SSLHandshakeException e) {
            throw new PortalException(PortalException.Reason.UNREACHABLE, target + ": TLS handshake failed: "
                    + rootMessage(e) + " (is the portal's certificate trusted? see trustedCertificates/pinnedSha256)", e);
        } catch (SSLException e) {
            throw new PortalException(PortalException.Reason.UNREACHABLE, target + ": TLS failed: " + rootMessage(e), e);
        } catch (UnknownHostException e) {
            throw new PortalException(PortalException.Reason.UNREACHABLE, target + ": unknown host " + e.getMessage(), e);
        } catch (ConnectException e) {
            throw new PortalException(PortalException.Reason.UNREACHABLE, target + ": cannot connect: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new PortalException(PortalException.Reason.UNREACHABLE, target + ": " + e.getClass().getSimpleName()
                    + ": " + e.getMessage(), e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        if (message == null) {
            return root.getClass().getSimpleName();
        }
        String lower = message.toLowerCase(Locale.ROOT);
        // the JDK's words for "no trusted CA signed this chain"
        return lower.startsWith("pkix") || lower.contains("certification path")
                ? "certificate not trusted (" + message + ")" : message;
    }

    @Override
    public void close() throws IOException {
        http.close();
    }
}
