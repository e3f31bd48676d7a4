package org.printscout.web.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Who may use the local UI: the administrator's password (none shipped; set from the console or with the
 * one-time code this component logs at start while none is set), sign-in with throttling per client
 * address and at most two hashes at a time, and the sessions it opens.
 */
@Component(service = LocalAdmin.class, configurationPid = LocalAdmin.PID)
@Designate(ocd = WebConfig.class)
public final class LocalAdmin {

    static final String PID = "org.printscout.web";

    /** The outcome of a sign-in attempt; {@code waitSeconds} when the client has to wait first. */
    record Attempt(Optional<Sessions.Session> session, long waitSeconds, String refusal) {
    }

    private final AdminPassword password;
    private final Sessions sessions;
    private final SignInThrottle throttle;
    private final Semaphore hashing = new Semaphore(2);
    private final Logger log;

    @Activate
    public LocalAdmin(BundleContext context, WebConfig config, @Reference(service = LoggerFactory.class) Logger log) {
        this.log = log;
        String home = context.getProperty("printscout.home");
        Path file = Path.of(config.passwordFile());
        this.password = new AdminPassword(file.isAbsolute() || home == null ? file : Path.of(home).resolve(file));
        this.sessions = new Sessions(Duration.ofMinutes(config.sessionIdleMinutes()), Clock.systemUTC());
        this.throttle = new SignInThrottle(config.failuresBeforeDelay(), Duration.ofSeconds(config.maxDelaySeconds()), Clock.systemUTC());
        password.oneTimeCode().ifPresent(code -> {
            String message = "local web UI: no administrator password is set. Set it on the console "
                    + "(echo 'web:password NEW-PASSWORD' | bin/printscout exec -) or on the first-start page /setup with the one-time code "
                    + code;
            log.warn(message);
            // the console is the journal under systemd: where the administrator of a new box looks first
            System.out.println("printscout: " + message);
        });
    }

    boolean passwordSet() {
        return password.isSet();
    }

    Optional<Sessions.Session> session(String id) {
        return sessions.find(id);
    }

    void signOut(String id) {
        sessions.close(id);
    }

    Attempt signIn(String client, String given) throws IOException, InterruptedException {
        return check(client, () -> password.matches(given), "wrong password");
    }

    /** The first-start page: the one-time code, then the new password. */
    Attempt firstStart(String client, String code, String newPassword) throws IOException, InterruptedException {
        if (password.isSet()) {
            return new Attempt(Optional.empty(), 0, "a password is already set; sign in");
        }
        String problem = AdminPassword.problem(newPassword);
        if (problem != null) {
            return new Attempt(Optional.empty(), 0, problem);
        }
        Attempt attempt = check(client, () -> password.oneTimeCodeMatches(code), "wrong one-time code (it is in the log and the journal)");
        if (attempt.session().isPresent()) {
            password.set(newPassword);
            log.info("local web UI: the administrator password was set on the first-start page from " + client);
        }
        return attempt;
    }

    /** From the console (Gogo): the box's administrator has the machine, so no old password is asked for. */
    void setPassword(String newPassword) throws IOException {
        password.set(newPassword);
        sessions.closeAll();
        log.info("local web UI: the administrator password was set on the console");
    }

    private interface Check {
        boolean passes() throws IOException;
    }

    private Attempt check(String client, Check check, String refusal) throws IOException, InterruptedException {
        long waitMillis = throttle.waitFor(client).toMillis();
        long wait = (waitMillis + 999) / 1000; // a wait of 0.4 s is still a wait: never rounded down to none
        if (wait > 0) {
            return new Attempt(Optional.empty(), wait, "too many failed attempts; try again in " + wait + " s");
        }
        if (!hashing.tryAcquire(5, TimeUnit.SECONDS)) {
            return new Attempt(Optional.empty(), 1, "busy; try again in a moment");
        }
        try {
            if (check.passes()) {
                throttle.succeeded(client);
                return new Attempt(Optional.of(sessions.open()), 0, null);
            }
        } finally {
            hashing.release();
        }
        throttle.failed(client);
        log.warn("local web UI: failed sign-in from " + client);
        return new Attempt(Optional.empty(), 0, refusal);
    }
}
