package org.printscout.command.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.ComponentServiceObjects;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;
import org.printscout.api.command.Command;
import org.printscout.api.command.CommandHandler;
import org.printscout.api.command.CommandQueue;
import org.printscout.api.command.CommandWorkspace;
import org.printscout.api.schedule.PeriodicTask;
import org.printscout.api.status.StatusContributor;

/**
 * The command poll as a periodic task (the scheduler runs it every {@code commandPollSeconds}, one
 * call at a time, so commands run one at a time), the whiteboard of {@link CommandHandler}s keyed by
 * their code, and the scratch space handlers write result files into. It does nothing until the
 * upload bundle offers the {@link CommandQueue}, i.e. until the agent is activated.
 */
@Component(service = {PeriodicTask.class, CommandWorkspace.class, StatusContributor.class}, immediate = true,
        property = PeriodicTask.TASK + "=" + PeriodicTask.COMMAND_POLL, configurationPid = "org.printscout.command")
@Designate(ocd = CommandConfig.class)
public final class CommandComponent implements PeriodicTask, CommandWorkspace, StatusContributor {

    private final Logger log;
    private final HandlerRegistry handlers = new HandlerRegistry();
    private final Workspace workspace;
    private final CommandPoller poller;
    private final Outbox outbox;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile CommandQueue queue;

    @Activate
    public CommandComponent(BundleContext context, @Reference(service = LoggerFactory.class) Logger log, CommandConfig config)
            throws IOException {
        this.log = log;
        if (config.timeLimitSeconds() < 10 || config.timeLimitSeconds() > 86400) {
            throw new IllegalArgumentException("org.printscout.command: key 'timeLimitSeconds' is " + config.timeLimitSeconds()
                    + "; it must be between 10 and 86400");
        }
        if (config.maxUndelivered() < 1 || config.maxUndelivered() > 1000) {
            throw new IllegalArgumentException("org.printscout.command: key 'maxUndelivered' is " + config.maxUndelivered()
                    + "; it must be between 1 and 1000");
        }
        String home = context.getProperty("printscout.home");
        Path dir = Path.of(config.directory());
        if (!dir.isAbsolute()) {
            dir = Path.of(home == null ? "." : home).resolve(dir);
        }
        this.workspace = new Workspace(dir.resolve("work"));
        workspace.clear();
        this.outbox = new Outbox(dir.resolve("outbox"));
        outbox.deleteOrphanZips();
        this.poller = new CommandPoller(handlers, workspace, outbox, Duration.ofSeconds(config.timeLimitSeconds()),
                config.maxUndelivered(), CommandQueue.MAX_FILE_BYTES, CommandPoller.Log.of(log::info, log::warn));
    }

    /** Handlers are bound without being created: a handler's component starts only when a command needs it. */
    @Reference(service = CommandHandler.class, cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addHandler(ComponentServiceObjects<CommandHandler> handler, Map<String, Object> properties) {
        String problem = handlers.add(new HandlerRegistry.Source() {
            @Override
            public CommandHandler acquire() {
                return handler.getService();
            }

            @Override
            public void release(CommandHandler service) {
                handler.ungetService(service);
            }
        }, properties);
        if (problem != null) {
            log.warn(problem);
        }
    }

    void removeHandler(ComponentServiceObjects<CommandHandler> handler, Map<String, Object> properties) {
        handlers.remove(properties);
    }

    @Override
    public void run() throws IOException {
        CommandQueue current = queue;
        if (current == null) {
            log.debug("command poll skipped: the agent is not activated at a portal");
            return;
        }
        poller.poll(current);
    }

    @Override
    public Path directory(Command command) throws IOException {
        return workspace.directory(command);
    }

    @Override
    public String title() {
        return "commands";
    }

    @Override
    public String text() {
        CommandPoller.Stats stats = poller.stats();
        return "queue: " + (queue == null ? "none (the agent is not activated at a portal)" : "polled") + '\n'
                + "handlers for codes: " + handlers.codes().stream().map(String::valueOf).collect(Collectors.joining(", ")) + '\n'
                + "commands run since start: " + stats.run() + ", last: " + stats.last() + '\n';
    }
}
