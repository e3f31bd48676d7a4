package org.printscout.itest.web;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.After;
import org.junit.Test;
import org.printscout.itest.Await;

/**
 * Issue 11 item 11 and issue 12 item 2, against the assembled portal: people's sign-in form answers unknown user
 * names as slowly as known ones (a dummy PBKDF2), throttles failures per user name and per client
 * address (after 5, a doubling wait answered 429 with Retry-After, during which even the right
 * password does not sign in), logs failures as a summary, and hashes on a small pool of its own, so
 * 200 parallel wrong guesses leave the agents' API responsive. Client addresses are loopback
 * addresses 127.0.x.y, which Linux routes to the portal on 127.0.0.1.
 */
public class PortalSignInTest {

    private PortalUnderTest portal;

    @After
    public void stop() throws Exception {
        if (portal != null) {
            portal.close();
        }
    }

    /** A sign-in through the form from {@code from}: GET the form (its cookie and token), POST it; 303 signed in, 401, 429 or 503. */
    private int page(String from, String user, String password, Map<String, String> answer) throws Exception {
        PortalUnderTest.Raw form = portal.raw(from, "GET", "/signin", Map.of(), null);
        java.util.regex.Matcher token = java.util.regex.Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(form.body());
        assertTrue(form.body(), token.find());
        byte[] body = ("csrf=" + token.group(1) + "&username=" + java.net.URLEncoder.encode(user, java.nio.charset.StandardCharsets.UTF_8)
                + "&password=" + java.net.URLEncoder.encode(password, java.nio.charset.StandardCharsets.UTF_8))
                .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        PortalUnderTest.Raw raw = portal.raw(from, "POST", "/signin", Map.of("Cookie", "printscout_signin=" + token.group(1),
                "Content-Type", "application/x-www-form-urlencoded"), body);
        if (answer != null && raw.header("Retry-After") != null) {
            answer.put("Retry-After", raw.header("Retry-After"));
        }
        return raw.status();
    }

    @Test
    public void unknownUsersTakeAsLongAndFailuresAreThrottledPerUserAndPerAddress() throws Exception {
        portal = PortalUnderTest.started("");
        portal.ok("portal:user victim 'victim-pw-123' viewer d1 -");

        // --- timing: a known user's wrong password and an unknown user cost the same ---
        List<Long> known = new ArrayList<>();
        List<Long> unknown = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            long t0 = System.nanoTime();
            assertEquals(401, page("127.0.0." + (10 + i), "admin", "wrong-" + i, null));
            known.add((System.nanoTime() - t0) / 1_000_000);
            t0 = System.nanoTime();
            assertEquals(401, page("127.0.0." + (20 + i), "nobody-" + i, "wrong-" + i, null));
            unknown.add((System.nanoTime() - t0) / 1_000_000);
        }
        long knownMedian = median(known);
        long unknownMedian = median(unknown);
        System.out.printf("wrong password for a known user: %s ms (median %d); unknown user: %s ms (median %d)%n", known, knownMedian, unknown,
                unknownMedian);
        assertTrue("an unknown user is answered as slowly as a known one: " + unknownMedian + " vs " + knownMedian + " ms",
                unknownMedian * 2 > knownMedian && knownMedian * 2 > unknownMedian);

        // --- per user name: 5 failures from 5 addresses, then the right password from a sixth is refused ---
        for (int i = 1; i <= 5; i++) {
            assertEquals(401, page("127.0.1." + i, "victim", "guess-" + i, null));
        }
        Map<String, String> answer = new TreeMap<>();
        assertEquals("the right password during the wait does not sign in", 429, page("127.0.1.6", "victim", "victim-pw-123", answer));
        long wait = Long.parseLong(answer.get("Retry-After"));
        assertTrue("Retry-After " + wait, wait >= 1);
        Thread.sleep(wait * 1000 + 300);
        assertEquals("after the wait the right password signs in", 303, page("127.0.1.6", "victim", "victim-pw-123", null));

        // --- per address: 5 failures for 5 names from one address; then that address waits, others do not ---
        for (int i = 1; i <= 5; i++) {
            assertEquals(401, page("127.0.2.1", "spray-" + i, "Summer2026!", null));
        }
        answer.clear();
        assertEquals(429, page("127.0.2.1", PortalUnderTest.USER, PortalUnderTest.PASSWORD, answer));
        assertEquals("another address is not throttled", 303, page("127.0.2.2", PortalUnderTest.USER, PortalUnderTest.PASSWORD, null));
        // --- the wait doubles with each further failure ---
        List<Long> waits = new ArrayList<>();
        waits.add(Long.parseLong(answer.get("Retry-After")));
        for (int round = 0; round < 2; round++) {
            Thread.sleep(waits.get(waits.size() - 1) * 1000 + 300);
            assertEquals(401, page("127.0.2.1", "spray-x" + round, "Summer2026!", null));
            answer.clear();
            assertEquals(429, page("127.0.2.1", "spray-y" + round, "Summer2026!", answer));
            waits.add(Long.parseLong(answer.get("Retry-After")));
        }
        System.out.println("Retry-After after 5, 6 and 7 failures from one address: " + waits + " s");
        assertEquals(List.of(1L, 2L, 4L), waits);

        // --- the log: the first failure at once, the rest as a summary within a minute, not a line per guess ---
        String log = portal.logText();
        assertEquals("one line for the first failure:\n" + log, 1, count(log, "portal sign-in: wrong user name or password"));
        assertTrue(log.contains("'admin' from 127.0.0.10"));
        Await.until("the minute's summary of failed sign-ins", Duration.ofSeconds(75), () -> {
            try {
                return portal.logText().contains("portal sign-in in the last minute: ");
            } catch (java.io.IOException e) {
                return false;
            }
        });
        String summary = portal.logText().lines().filter(l -> l.contains("portal sign-in in the last minute: ")).findFirst().orElseThrow();
        System.out.println(summary);
        assertTrue(summary, summary.matches(".* [0-9]+ failed, [1-9][0-9]* refused while throttled .*"));
    }

    @Test
    public void twoHundredParallelWrongGuessesLeaveTheAgentsApiResponsive() throws Exception {
        portal = PortalUnderTest.started("");
        PortalUnderTest.Agent agent = portal.activate();
        // known users, so that every guess costs a PBKDF2 where nothing stops it (an unknown name cost nothing before)
        for (int u = 0; u < 10; u++) {
            portal.ok("portal:user staff-" + u + " 'staff-password-" + u + "' technician d1 -");
        }
        List<Long> before = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            before.add(agentRequest(agent));
        }
        ExecutorService guessers = Executors.newFixedThreadPool(200);
        Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
        AtomicBoolean flooding = new AtomicBoolean(true);
        long t0 = System.nanoTime();
        List<Future<?>> guesses = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            String from = "127.0.3." + (1 + i / 5); // 5 guesses per address: under the per-address limit, so all want a hash
            String user = "staff-" + (i % 10);
            String guess = "guess-" + i;
            guesses.add(guessers.submit(() -> {
                int status;
                try {
                    status = page(from, user, guess, null);
                } catch (java.io.IOException e) {
                    status = -1; // no answer within the client's 60 s
                }
                statuses.merge(status, 1, Integer::sum);
                return null;
            }));
        }
        List<Long> during = new ArrayList<>();
        Thread timer = new Thread(() -> {
            while (flooding.get()) {
                try {
                    during.add(agentRequest(agent));
                    Thread.sleep(50);
                } catch (Exception e) {
                    during.add(Long.MAX_VALUE);
                }
            }
        });
        timer.start();
        for (Future<?> guess : guesses) {
            guess.get(5, TimeUnit.MINUTES);
        }
        long floodMillis = (System.nanoTime() - t0) / 1_000_000;
        Thread.sleep(500);
        flooding.set(false);
        timer.join();
        guessers.shutdown();
        System.out.printf("agent config before the guesses: median %d ms, max %d ms (%d requests)%n", median(before), Collections.max(before), before.size());
        System.out.printf("200 parallel wrong guesses answered in %d ms: %s (status: count)%n", floodMillis, new TreeMap<>(statuses));
        long unanswered = during.stream().filter(t -> t == Long.MAX_VALUE).count();
        System.out.printf("agent config during the guesses: median %s, max %s (%d requests, %d without an answer in 30 s)%n",
                millis(median(during)), millis(Collections.max(during)), during.size(), unanswered);
        assertTrue("agent requests were timed during the guesses: " + during.size(), during.size() >= 5);
        assertTrue("the agents' API stays responsive while someone guesses: max " + Collections.max(during) + " ms", Collections.max(during) < 1000);
        assertFalse("no guess signs in", statuses.containsKey(200));
        assertFalse("every guess is answered (-1: none within 60 s)", statuses.containsKey(-1));
        assertEquals(200, statuses.values().stream().mapToInt(Integer::intValue).sum());
    }

    private long agentRequest(PortalUnderTest.Agent agent) throws Exception {
        long t0 = System.nanoTime();
        HttpResponse<String> config = portal.http.send(HttpRequest.newBuilder(URI.create(portal.url("/api/v1/agents/" + agent.id() + "/config")))
                .header("Authorization", agent.authorization()).timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        long millis = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(200, config.statusCode());
        return millis;
    }

    private static String millis(long value) {
        return value == Long.MAX_VALUE ? "no answer in 30 s" : value + " ms";
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
