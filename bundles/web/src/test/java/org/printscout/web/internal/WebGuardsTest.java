package org.printscout.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WebGuardsTest {

    @Test
    void escapingLeavesNoMarkup() {
        assertEquals("&lt;img src=x onerror=&quot;a(&#39;1&#39;)&quot;&gt; &amp;", Html.esc("<img src=x onerror=\"a('1')\"> &"));
        assertEquals("a\uFFFDb", Html.esc("a\u0000b"));
    }

    @Test
    void aNewBoxHasNoPasswordButAOneTimeCodeThatIsSpentBySettingOne(@TempDir Path dir) throws Exception {
        AdminPassword password = new AdminPassword(dir.resolve("web/admin-password"));
        assertFalse(password.isSet());
        String code = password.oneTimeCode().orElseThrow();
        assertTrue(code.matches("[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}"), code);
        assertTrue(password.oneTimeCodeMatches(code.toLowerCase()));
        assertFalse(password.oneTimeCodeMatches("AAAA-AAAA-AAAA"));
        assertFalse(password.matches("anything-at-all"));
        assertThrows(IllegalArgumentException.class, () -> password.set("short"));
        password.set("a-long-password");
        assertTrue(password.isSet());
        assertTrue(password.oneTimeCode().isEmpty());
        assertFalse(password.oneTimeCodeMatches(code), "the code is spent");
        assertTrue(password.matches("a-long-password"));
        assertFalse(password.matches("a-long-passworD"));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("web/admin-password"))));
        assertFalse(Files.readString(dir.resolve("web/admin-password")).contains("a-long-password"));
        assertTrue(new AdminPassword(dir.resolve("web/admin-password")).oneTimeCode().isEmpty(), "no code once a password is set");
    }

    @Test
    void throttleDoublesTheWaitAfterTheFreeFailuresAndASuccessClearsIt() {
        MutableClock clock = new MutableClock();
        SignInThrottle throttle = new SignInThrottle(3, Duration.ofSeconds(10), clock);
        for (int i = 0; i < 3; i++) {
            assertEquals(Duration.ZERO, throttle.waitFor("10.0.0.1"));
            throttle.failed("10.0.0.1");
        }
        assertEquals(Duration.ofSeconds(1), throttle.waitFor("10.0.0.1"));
        assertEquals(Duration.ZERO, throttle.waitFor("10.0.0.2"), "per client address");
        throttle.failed("10.0.0.1");
        assertEquals(Duration.ofSeconds(2), throttle.waitFor("10.0.0.1"));
        for (int i = 0; i < 10; i++) {
            throttle.failed("10.0.0.1");
        }
        assertEquals(Duration.ofSeconds(10), throttle.waitFor("10.0.0.1"), "bounded by the longest wait");
        clock.now = clock.now.plusSeconds(11);
        assertEquals(Duration.ZERO, throttle.waitFor("10.0.0.1"));
        throttle.succeeded("10.0.0.1");
        throttle.failed("10.0.0.1");
        assertEquals(Duration.ZERO, throttle.waitFor("10.0.0.1"), "a success starts the count again");
    }

    @Test
    void sessionsExpireWhenIdleAndCarryTheirOwnCsrfToken() {
        MutableClock clock = new MutableClock();
        Sessions sessions = new Sessions(Duration.ofMinutes(30), clock);
        Sessions.Session a = sessions.open();
        Sessions.Session b = sessions.open();
        assertFalse(a.csrfToken().equals(b.csrfToken()));
        assertTrue(Sessions.csrfMatches(a, a.csrfToken()));
        assertFalse(Sessions.csrfMatches(a, b.csrfToken()));
        assertFalse(Sessions.csrfMatches(a, null));
        clock.now = clock.now.plus(Duration.ofMinutes(29));
        assertTrue(sessions.find(a.id()).isPresent(), "used within the idle time");
        clock.now = clock.now.plus(Duration.ofMinutes(31));
        assertTrue(sessions.find(a.id()).isEmpty(), "idle too long");
        assertTrue(sessions.find("made-up").isEmpty());
    }

    private static final class MutableClock extends Clock {
        Instant now = Instant.parse("2026-12-02T12:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
