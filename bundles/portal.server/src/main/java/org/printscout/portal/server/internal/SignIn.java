package org.printscout.portal.server.internal;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;

/**
 * People's password check (for the sign-in form, {@link SignInServlet}, and a password change;
 * docs/portal.md): its pool, its throttling and its log. Sessions are {@link Sessions}' job.
 *
 * <ul>
 * <li>PBKDF2 runs on a small pool of its own with a short queue, never on the threads that serve
 * agents: a flood of guesses waits there or is refused (503), and the agents' API stays responsive.
 * <li>An unknown user name is checked against a dummy hash of the same cost, so the answer's time
 * does not tell which names exist.
 * <li>Failures are counted per user name and per client address; after {@link #FREE_FAILURES}, each
 * further attempt must wait {@link #FIRST_WAIT} doubled per failure (up to {@link #MAX_WAIT}), and
 * is answered 429 with Retry-After without checking the password, so a correct password during the
 * wait does not sign in. Checks in progress count as failures until they end, so parallel guesses
 * cannot slip past the limit. Counts are forgotten {@link #FORGET_AFTER} after the last failure.
 * <li>Failures are logged: the first at once, then a summary a minute (count, top names and
 * addresses), never a line per guess.
 * <li>A minute with failures or refusals also goes into the audit table as its summary
 * ({@code sign-in-throttled}: counts, top names and addresses), one row a minute however many
 * guesses arrive; a failure for a user who exists has a row of its own (SignInServlet).
 * </ul>
 */
@Component(service = SignIn.class)
public final class SignIn {

    static final int FREE_FAILURES = 5;
    static final Duration FIRST_WAIT = Duration.ofSeconds(1);
    static final Duration MAX_WAIT = Duration.ofMinutes(15);
    static final Duration FORGET_AFTER = Duration.ofMinutes(30);
    /**
     * Password checks waiting per pool thread; beyond this a sign-in is answered 503 at once. A check
     * costs about 2 s on a slow 2-core machine, so the last in the queue is answered well within the
     * request's 30 s limit.
     */
    static final int QUEUE_PER_THREAD = 8;
    /** Remembered throttles; the oldest are dropped beyond this (a flood of new names cannot fill the heap). */
    private static final int MAX_ENTRIES = 10_000;
    /** How many of the least recently used entries are looked at for one that may go. */
    private static final int EVICTION_SCAN = 64;

    enum Kind {
        SIGNED_IN, WRONG, THROTTLED, BUSY
    }

    /**
     * The answer to a sign-in: the user when signed in, with the stored hash the password matched (so
     * what follows can make sure it still holds: a reset during the check wins), the seconds to wait
     * when throttled or busy.
     */
    record Outcome(Kind kind, Optional<UserStore.User> user, long retryAfterSeconds, String verifiedHash) {
    }

    private static final class Throttle {
        int failures;
        int pending;
        long lastFailure;
        long blockedUntil;
    }

    private final UserStore users;
    private final Logger log;
    private final Clock clock;
    private final ThreadPoolExecutor hashing;
    private final ScheduledExecutorService summaries;
    private final String dummyHash;
    private final LinkedHashMap<String, Throttle> byUser = bounded();
    private final LinkedHashMap<String, Throttle> byAddress = bounded();
    private final FailureLog failureLog;

    @Activate
    public SignIn(@Reference PortalComponent portal, @Reference(service = LoggerFactory.class) Logger log) {
        this(portal.userStore(), portal.auditLog(), log, Clock.systemUTC(), Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors() / 2)));
    }

    SignIn(UserStore users, AuditLog audit, Logger log, Clock clock, int threads) {
        this.users = users;
        this.log = log;
        this.clock = clock;
        SecureRandom random = new SecureRandom();
        byte[] nothing = new byte[24];
        random.nextBytes(nothing);
        this.dummyHash = Passwords.hash(Base64.getEncoder().encodeToString(nothing).toCharArray());
        this.hashing = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUE_PER_THREAD * threads), runnable -> {
            Thread thread = new Thread(runnable, "printscout-portal-signin");
            thread.setDaemon(true);
            thread.setPriority(Thread.MIN_PRIORITY);
            return thread;
        });
        this.summaries = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "printscout-portal-signin-log");
            thread.setDaemon(true);
            return thread;
        });
        this.failureLog = new FailureLog(log::warn, summary -> {
            try {
                audit.record(null, "-", "-", AuditLog.Action.SIGN_IN_THROTTLED, "", summary);
            } catch (java.sql.SQLException | RuntimeException e) {
                log.warn("portal: the sign-in summary could not be written to the audit table: " + e);
            }
        });
        summaries.scheduleAtFixedRate(failureLog::summarise, 1, 1, TimeUnit.MINUTES);
    }

    @Deactivate
    void deactivate() {
        hashing.shutdownNow();
        summaries.shutdownNow();
        failureLog.summarise();
    }

    /**
     * Checks a user name and password from {@code address}; completes on the sign-in pool (or at once
     * when throttled or busy, or for a name no user can have). A refusal while throttled creates no
     * throttle entry, so a flood of cheap refusals for made-up names cannot push a real user's entry out.
     */
    CompletableFuture<Outcome> signIn(String username, String password, String clientAddress) {
        String userKey = username.toLowerCase(java.util.Locale.ROOT);
        String address = throttledAddress(clientAddress);
        // a name outside the pattern cannot exist (the pattern is public, so refusing it at once tells nothing)
        boolean possible = UserStore.isPossibleName(username);
        long now = clock.millis();
        synchronized (this) {
            long wait = Math.max(possible ? waitMillis(byUser.get(userKey), now) : 0, waitMillis(byAddress.get(address), now));
            if (wait > 0) {
                failureLog.throttled(username, address);
                return CompletableFuture.completedFuture(new Outcome(Kind.THROTTLED, Optional.empty(), (wait + 999) / 1000, null));
            }
            if (!possible) {
                fail(entry(byAddress, address, now), now);
            } else {
                entry(byUser, userKey, now).pending++;
                entry(byAddress, address, now).pending++;
            }
        }
        if (!possible) {
            failureLog.failed(username, address);
            return CompletableFuture.completedFuture(new Outcome(Kind.WRONG, Optional.empty(), 0, null));
        }
        CompletableFuture<Outcome> outcome = new CompletableFuture<>();
        try {
            hashing.execute(() -> {
                try {
                    Optional<UserStore.Credentials> credentials = users.credentials(username);
                    boolean matches = Passwords.verify(password.toCharArray(), credentials.map(UserStore.Credentials::passwordHash).orElse(dummyHash));
                    boolean ok = matches && credentials.isPresent();
                    outcome.complete(settle(userKey, username, address, ok ? credentials.get() : null));
                } catch (Throwable t) {
                    release(userKey, address);
                    outcome.completeExceptionally(t);
                }
            });
        } catch (RejectedExecutionException e) {
            release(userKey, address);
            failureLog.busy(username, address);
            return CompletableFuture.completedFuture(new Outcome(Kind.BUSY, Optional.empty(), 1, null));
        }
        return outcome;
    }

    /**
     * The address a failure is counted against: an IPv4 address as it is, an IPv6 address by its /64
     * (one host usually holds a whole /64, and could otherwise try from a new address every time).
     */
    static String throttledAddress(String address) {
        if (address.indexOf(':') < 0) {
            return address;
        }
        try {
            byte[] bytes = java.net.InetAddress.getByName(address.replaceAll("^\\[|\\]$", "").replaceAll("%.*", "")).getAddress();
            if (bytes.length != 16) {
                return address;
            }
            java.util.Arrays.fill(bytes, 8, 16, (byte) 0);
            return java.net.InetAddress.getByAddress(bytes).getHostAddress() + "/64";
        } catch (java.net.UnknownHostException e) {
            return address;
        }
    }

    /** Milliseconds this throttle (null: none yet) still makes an attempt wait; a check in progress counts as a failure. */
    private static long waitMillis(Throttle throttle, long now) {
        if (throttle == null) {
            return 0;
        }
        if (throttle.failures > 0 && now - throttle.lastFailure > FORGET_AFTER.toMillis()) {
            throttle.failures = 0;
            throttle.blockedUntil = 0;
        }
        if (throttle.failures >= FREE_FAILURES && throttle.blockedUntil > now) {
            return throttle.blockedUntil - now;
        }
        if (throttle.failures + throttle.pending >= FREE_FAILURES && throttle.pending > 0) {
            return FIRST_WAIT.toMillis();
        }
        return 0;
    }

    private synchronized void release(String userKey, String address) {
        Throttle user = byUser.get(userKey);
        Throttle from = byAddress.get(address);
        if (user != null && user.pending > 0) {
            user.pending--;
        }
        if (from != null && from.pending > 0) {
            from.pending--;
        }
    }

    private Outcome settle(String userKey, String username, String address, UserStore.Credentials verified) {
        long now = clock.millis();
        synchronized (this) {
            Throttle byName = entry(byUser, userKey, now);
            Throttle from = entry(byAddress, address, now);
            byName.pending = Math.max(0, byName.pending - 1);
            from.pending = Math.max(0, from.pending - 1);
            if (verified != null) {
                byName.failures = 0;
                byName.blockedUntil = 0;
            } else {
                fail(byName, now);
                fail(from, now);
            }
        }
        if (verified != null) {
            return new Outcome(Kind.SIGNED_IN, Optional.of(verified.user()), 0, verified.passwordHash());
        }
        failureLog.failed(username, address);
        return new Outcome(Kind.WRONG, Optional.empty(), 0, null);
    }

    private static void fail(Throttle throttle, long now) {
        throttle.failures++;
        throttle.lastFailure = now;
        if (throttle.failures >= FREE_FAILURES) {
            int doublings = Math.min(30, throttle.failures - FREE_FAILURES);
            throttle.blockedUntil = now + Math.min(MAX_WAIT.toMillis(), FIRST_WAIT.toMillis() << doublings);
        }
    }

    /**
     * The throttle of a key, made when missing; beyond {@link #MAX_ENTRIES} the least recently used
     * entry that neither blocks nor has a check in progress is dropped (an active block is dropped only
     * when the oldest {@link #EVICTION_SCAN} are all active: memory stays bounded either way).
     */
    private static Throttle entry(LinkedHashMap<String, Throttle> map, String key, long now) {
        Throttle throttle = map.computeIfAbsent(key, k -> new Throttle());
        if (map.size() > MAX_ENTRIES) {
            java.util.Iterator<Map.Entry<String, Throttle>> eldest = map.entrySet().iterator();
            String victim = null;
            for (int i = 0; i < EVICTION_SCAN && eldest.hasNext(); i++) {
                Map.Entry<String, Throttle> candidate = eldest.next();
                Throttle t = candidate.getValue();
                if (victim == null) {
                    victim = candidate.getKey();
                }
                if (t != throttle && t.pending == 0 && t.blockedUntil <= now) {
                    victim = candidate.getKey();
                    break;
                }
            }
            if (victim != null && !victim.equals(key)) {
                map.remove(victim);
            }
        }
        return throttle;
    }

    private static LinkedHashMap<String, Throttle> bounded() {
        // access order: the eldest is the least recently used
        return new LinkedHashMap<>(256, 0.75f, true);
    }

    /** Failed sign-ins for the log: the first of a minute at once, the rest as one summary line a minute. */
    static final class FailureLog {
        private final java.util.function.Consumer<String> out;
        private final java.util.function.Consumer<String> refusals;
        private final Map<String, Integer> users = new LinkedHashMap<>();
        private final Map<String, Integer> addresses = new LinkedHashMap<>();
        private int failed;
        private int throttled;
        private int busy;
        private boolean firstLogged;

        FailureLog(java.util.function.Consumer<String> out) {
            this(out, line -> { });
        }

        /** {@code refusals} gets the summary of a minute in which sign-ins failed or were refused while throttled or busy. */
        FailureLog(java.util.function.Consumer<String> out, java.util.function.Consumer<String> refusals) {
            this.out = out;
            this.refusals = refusals;
        }

        void failed(String username, String address) {
            boolean first;
            synchronized (this) {
                failed++;
                count(users, printable(username));
                count(addresses, address);
                first = !firstLogged;
                firstLogged = true;
            }
            if (first) {
                out.accept("portal sign-in: wrong user name or password for '" + printable(username) + "' from " + address
                        + " (further failures are summarised once a minute)");
            }
        }

        synchronized void throttled(String username, String address) {
            throttled++;
            count(users, printable(username));
            count(addresses, address);
        }

        synchronized void busy(String username, String address) {
            busy++;
            count(users, printable(username));
            count(addresses, address);
        }

        void summarise() {
            String line;
            synchronized (this) {
                if (failed + throttled + busy == 0) {
                    firstLogged = false;
                    return;
                }
                line = "portal sign-in in the last minute: " + failed + " failed, " + throttled + " refused while throttled (429), " + busy
                        + " refused while the sign-in pool was busy (503); user names " + top(users) + "; addresses " + top(addresses);
                users.clear();
                addresses.clear();
                failed = 0;
                throttled = 0;
                busy = 0;
            }
            out.accept(line);
            refusals.accept(line);
        }

        private static void count(Map<String, Integer> counts, String key) {
            if (counts.size() < 1000 || counts.containsKey(key)) {
                counts.merge(key, 1, Integer::sum);
            }
        }

        private static String top(Map<String, Integer> counts) {
            StringBuilder out = new StringBuilder();
            counts.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue()).limit(5)
                    .forEach(e -> out.append(out.length() == 0 ? "" : ", ").append(e.getKey()).append(" ×").append(e.getValue()));
            if (counts.size() > 5) {
                out.append(" and ").append(counts.size() - 5).append(" more");
            }
            return out.toString();
        }

        /** A user name as it may appear in the log: no control characters, at most 64 characters. */
        static String printable(String text) {
            String clean = text.replaceAll("\\p{Cntrl}", "?");
            return clean.length() > 64 ? clean.substring(0, 64) + "…" : clean;
        }
    }
}
