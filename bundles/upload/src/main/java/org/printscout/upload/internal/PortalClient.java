package org.printscout.upload.internal;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

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
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.http.ssl.TLS;
import org.apache.hc.core5.util.Timeout;

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

    /** Who this agent is at the portal, from activation. The secret is never logged. */
    record Identity(String agentId, String secret, String siteId) {
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
            return new Identity(text(answer, "agentId"), text(answer, "secret"),
                    answer.has("siteId") ? answer.get("siteId").getAsString() : "");
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
        expectSuccess(response, "report " + reportId);
        return UploadOutcome.STORED;
    }

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
            throw new PortalException(PortalException.Reason.PORTAL_ERROR, message);
        }
        throw new PortalException(PortalException.Reason.REJECTED, message);
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
                String body = answer.getEntity() == null ? "" : EntityUtils.toString(answer.getEntity(), StandardCharsets.UTF_8);
                return new Response(answer.getCode(), body, etag == null ? null : etag.getValue());
            });
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
