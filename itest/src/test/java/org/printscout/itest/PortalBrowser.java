package org.printscout.itest;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A person at the portal, as a plain HTTP client with cookies: signs in through the form (GET
 * /signin for the form's token, POST it with user name and password), keeps the session cookie,
 * and posts forms with the CSRF token of the last page it loaded. Redirects are not followed, so a
 * test sees the 303s.
 */
public final class PortalBrowser {

    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

    public final String base;
    public final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    public final HttpClient http;
    private String csrf = "";

    public PortalBrowser(String base) {
        this(base, null);
    }

    /** A browser that trusts what {@code tls} trusts (for a portal on https with a test certificate). */
    public PortalBrowser(String base, javax.net.ssl.SSLContext tls) {
        this.base = base;
        HttpClient.Builder builder = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10));
        if (tls != null) {
            builder.sslContext(tls);
        }
        this.http = builder.build();
    }

    /** Signs in; an AssertionError when the portal does not answer 303 to "/". */
    public static PortalBrowser signedIn(String base, String user, String password) throws IOException, InterruptedException {
        PortalBrowser browser = new PortalBrowser(base);
        HttpResponse<String> answer = browser.signIn(user, password);
        if (answer.statusCode() != 303 || !"/".equals(answer.headers().firstValue("Location").orElse(""))) {
            throw new AssertionError("sign-in of " + user + " answered " + answer.statusCode() + ": " + answer.body());
        }
        return browser;
    }

    /** Loads the sign-in form and posts it; returns the answer to the post. */
    public HttpResponse<String> signIn(String user, String password) throws IOException, InterruptedException {
        HttpResponse<String> form = get("/signin");
        if (form.statusCode() != 200) {
            throw new AssertionError("GET /signin answered " + form.statusCode() + ": " + form.body());
        }
        return post("/signin", Map.of("username", user, "password", password));
    }

    /** GET; remembers the page's CSRF token for later posts. */
    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher token = CSRF.matcher(answer.body());
        if (token.find()) {
            csrf = token.group(1);
        }
        return answer;
    }

    /** POSTs a form with the last page's CSRF token (unless {@code fields} has its own "csrf"). */
    public HttpResponse<String> post(String path, Map<String, String> fields) throws IOException, InterruptedException {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("csrf", csrf);
        all.putAll(fields);
        return postRaw(path, all.entrySet().stream().map(e -> encode(e.getKey()) + "=" + encode(e.getValue())).collect(Collectors.joining("&")));
    }

    /** POSTs a form body as given (repeated fields, a missing token). */
    public HttpResponse<String> postRaw(String path, String body) throws IOException, InterruptedException {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher token = CSRF.matcher(answer.body());
        if (token.find()) {
            csrf = token.group(1);
        }
        return answer;
    }

    public String csrf() {
        return csrf;
    }

    /** The session cookie's value, or "" when there is none. */
    public String sessionCookie() {
        List<java.net.HttpCookie> all = cookies.getCookieStore().get(URI.create(base + "/"));
        return all.stream().filter(c -> c.getName().equals("printscout_session")).map(java.net.HttpCookie::getValue).findFirst().orElse("");
    }

    public static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
