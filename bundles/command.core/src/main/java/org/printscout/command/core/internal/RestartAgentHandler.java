package org.printscout.command.core.internal;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.printscout.api.command.Command;
import org.printscout.api.command.CommandCodes;
import org.printscout.api.command.CommandHandler;
import org.printscout.api.command.CommandResult;

/**
 * Restart Agent: answers at once and restarts the OSGi framework a few seconds later, so the result
 * is reported first (and kept on disk by the dispatcher should the portal be slow). The restart is an
 * update of the system bundle: Felix's launcher (bin/felix.jar, as bin/printscout runs it) starts the
 * framework again in the same process, every bundle stops and starts, configuration and data stay.
 * Immediate, so the planned restart does not go with an instance the dispatcher released.
 */
@Component(service = CommandHandler.class, immediate = true,
        property = CommandHandler.CODE + ":Integer=" + CommandCodes.RESTART_AGENT)
public final class RestartAgentHandler implements CommandHandler {

    static final Duration DELAY = Duration.ofSeconds(5);

    private final Runnable restart;
    private final Duration delay;
    private final ScheduledExecutorService timer;
    private final AtomicBoolean planned = new AtomicBoolean();

    @Activate
    public RestartAgentHandler(BundleContext context, @Reference(service = LoggerFactory.class) Logger log) {
        this(() -> {
            log.info("restarting the agent (Restart Agent command)");
            try {
                context.getBundle(Constants.SYSTEM_BUNDLE_ID).update();
            } catch (BundleException | IllegalStateException e) {
                log.error("the agent could not be restarted: " + e);
            }
        }, DELAY);
    }

    RestartAgentHandler(Runnable restart, Duration delay) {
        this.restart = restart;
        this.delay = delay;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "printscout-restart");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public CommandResult execute(Command command) {
        if (!planned.compareAndSet(false, true)) {
            return CommandResult.done("a restart is already planned");
        }
        timer.schedule(restart, delay.toMillis(), TimeUnit.MILLISECONDS);
        return CommandResult.done("the agent restarts in " + delay.toSeconds() + " s (the OSGi framework restarts in the same process; "
                + "configuration and data are kept)");
    }

    @Deactivate
    void deactivate() {
        timer.shutdownNow();
    }
}
