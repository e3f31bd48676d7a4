package org.printscout.logging.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.LogLevel;
import org.osgi.service.log.LogListener;
import org.osgi.service.log.LogReaderService;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.log.admin.LoggerAdmin;
import org.osgi.service.metatype.annotations.Designate;
import org.printscout.api.status.StatusContributor;

/**
 * Writes every log entry of the agent to rotating files and sets the root log level from the log
 * mode ("normal" = INFO, "debug" = DEBUG). A change applies in place. A bad value never stops
 * logging: it is refused with its key named (in the log that keeps running and in scout:status), and
 * the last good setting stays (the default, when the agent starts with a bad one).
 */
@Component(configurationPid = LogFileComponent.PID, immediate = true, service = StatusContributor.class)
@Designate(ocd = LoggingConfig.class)
public final class LogFileComponent implements StatusContributor {

    static final String PID = "org.printscout.logging";

    private final LogReaderService reader;
    private final LoggerAdmin loggerAdmin;
    private final Logger log;
    private final Path home;
    private final LogListener listener = this::logged;
    private volatile LogSettings settings;
    private volatile LogFileWriter writer;
    private volatile List<String> refused = List.of();

    @Activate
    public LogFileComponent(@Reference LogReaderService reader, @Reference LoggerAdmin loggerAdmin,
                            @Reference(service = LoggerFactory.class) Logger log, BundleContext context, LoggingConfig config)
            throws IOException {
        this.reader = reader;
        this.loggerAdmin = loggerAdmin;
        this.log = log;
        String dir = context.getProperty("printscout.home");
        this.home = Path.of(dir == null ? "." : dir);
        List<String> problems = new ArrayList<>();
        LogSettings initial = LogSettings.DEFAULTS.with(config, problems);
        this.writer = open(initial);
        this.settings = initial;
        loggerAdmin.getLoggerContext(null).setLogLevels(Map.of(Logger.ROOT_LOGGER_NAME, initial.level()));
        replayHistory(reader);
        reader.addLogListener(listener);
        report(problems);
    }

    @Modified
    void modified(LoggingConfig config) throws IOException {
        List<String> problems = new ArrayList<>();
        LogSettings next = settings.with(config, problems);
        if (!next.sameFile(settings)) {
            LogFileWriter old = writer;
            writer = open(next);
            old.close();
        }
        settings = next;
        loggerAdmin.getLoggerContext(null).setLogLevels(Map.of(Logger.ROOT_LOGGER_NAME, next.level()));
        report(problems);
    }

    /**
     * What bundles started before this one logged (the log service keeps a short history): without
     * it, a start-up message such as a configuration removed at start would reach no file.
     */
    private void replayHistory(LogReaderService reader) {
        java.util.List<org.osgi.service.log.LogEntry> earlier = new ArrayList<>();
        java.util.Enumeration<org.osgi.service.log.LogEntry> history = reader.getLog();
        while (history.hasMoreElements()) {
            earlier.add(history.nextElement());
        }
        // the history is newest first
        for (int i = earlier.size() - 1; i >= 0; i--) {
            logged(earlier.get(i));
        }
    }

    private LogFileWriter open(LogSettings s) throws IOException {
        Path dir = Path.of(s.directory());
        return new LogFileWriter(dir.isAbsolute() ? dir : home.resolve(dir), s.maxFileKib() * 1024L, s.filesKept());
    }

    private void report(List<String> problems) {
        refused = List.copyOf(problems);
        for (String problem : problems) {
            log.error(problem);
        }
    }

    private void logged(org.osgi.service.log.LogEntry entry) {
        LogLevel level = settings.level();
        // Felix log turns every bundle and service event into an INFO entry: noise unless debugging.
        boolean frameworkEvent = entry.getLoggerName() != null && entry.getLoggerName().startsWith("Events.")
                && entry.getLogLevel().implies(LogLevel.INFO);
        if (level.implies(entry.getLogLevel()) && (level == LogLevel.DEBUG || !frameworkEvent)) {
            writer.write(entry);
        }
    }

    @Override
    public String title() {
        return "logging";
    }

    @Override
    public String text() {
        LogSettings s = settings;
        StringBuilder out = new StringBuilder("mode " + s.mode() + ", " + s.directory() + " (" + s.maxFileKib() + " KiB x "
                + (s.filesKept() + 1) + " files)\n");
        for (String problem : refused) {
            out.append(problem).append('\n');
        }
        return out.toString();
    }

    @Deactivate
    void deactivate() throws IOException {
        reader.removeLogListener(listener);
        writer.close();
    }
}
