package org.printscout.web.internal;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Signed-in browser sessions, in memory (a restart signs everybody out, which on a box with one
 * administrator is the safe choice). Each session has its own CSRF token for the forms it is shown.
 */
final class Sessions {

    static final String COOKIE = "printscout_session";
    private static final int MAX_SESSIONS = 64;

    record Session(String id, String csrfToken, Instant lastUsed) {
    }

    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final Duration idle;
    private final Clock clock;

    Sessions(Duration idle, Clock clock) {
        this.idle = idle;
        this.clock = clock;
    }

    Session open() {
        expire();
        if (sessions.size() >= MAX_SESSIONS) {
            sessions.values().stream().min((a, b) -> a.lastUsed().compareTo(b.lastUsed())).ifPresent(s -> sessions.remove(s.id()));
        }
        Session s = new Session(token(), token(), clock.instant());
        sessions.put(s.id(), s);
        return s;
    }

    /** The live session with this id, its idle time restarted. */
    Optional<Session> find(String id) {
        if (id == null) {
            return Optional.empty();
        }
        Session s = sessions.get(id);
        if (s == null) {
            return Optional.empty();
        }
        if (s.lastUsed().plus(idle).isBefore(clock.instant())) {
            sessions.remove(id);
            return Optional.empty();
        }
        Session used = new Session(s.id(), s.csrfToken(), clock.instant());
        sessions.put(id, used);
        return Optional.of(used);
    }

    static boolean csrfMatches(Session session, String given) {
        return given != null && MessageDigest.isEqual(session.csrfToken().getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }

    void close(String id) {
        if (id != null) {
            sessions.remove(id);
        }
    }

    /** A new password ends every session. */
    void closeAll() {
        sessions.clear();
    }

    private void expire() {
        Instant now = clock.instant();
        for (Iterator<Session> it = sessions.values().iterator(); it.hasNext();) {
            if (it.next().lastUsed().plus(idle).isBefore(now)) {
                it.remove();
            }
        }
    }

    private String token() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
