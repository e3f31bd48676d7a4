package org.printscout.logging.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.LogLevel;
import org.osgi.service.log.LogListener;
import org.osgi.service.log.LogReaderService;
import org.osgi.service.log.Logger;
import org.osgi.service.log.admin.LoggerAdmin;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Writes every log entry of the agent to rotating files and sets the root log level from the log
 * mode ("normal" = INFO, "debug" = DEBUG). A configuration change re-activates the component, so a
 * new mode applies at once.
 */
@Component(configurationPid = "org.printscout.logging", immediate = true)
@Designate(ocd = LoggingConfig.class)
public final class LogFileComponent {

    private final LogReaderService reader;
    private final LogFileWriter writer;
    private final LogListener listener;

    @Activate
    public LogFileComponent(@Reference LogReaderService reader, @Reference LoggerAdmin loggerAdmin,
                            BundleContext context, LoggingConfig config) throws IOException {
        this.reader = reader;
        String home = context.getProperty("printscout.home");
        Path dir = Path.of(config.directory());
        if (!dir.isAbsolute()) {
            dir = Path.of(home == null ? "." : home).resolve(dir);
        }
        LogLevel level = switch (config.mode()) {
            case "debug" -> LogLevel.DEBUG;
            case "normal" -> LogLevel.INFO;
            default -> throw new IllegalArgumentException("org.printscout.logging: mode '" + config.mode()
                    + "' is not one of normal, debug");
        };
        loggerAdmin.getLoggerContext(null).setLogLevels(Map.of(Logger.ROOT_LOGGER_NAME, level));
        this.writer = new LogFileWriter(dir, config.maxFileKib() * 1024L, config.filesKept());
        boolean withEvents = level == LogLevel.DEBUG;
        this.listener = entry -> {
            // Felix log turns every bundle and service event into an INFO entry: noise unless debugging.
            boolean frameworkEvent = entry.getLoggerName() != null && entry.getLoggerName().startsWith("Events.")
                    && entry.getLogLevel().implies(LogLevel.INFO);
            if (level.implies(entry.getLogLevel()) && (withEvents || !frameworkEvent)) {
                writer.write(entry);
            }
        };
        reader.addLogListener(listener);
    }

    @Deactivate
    void deactivate() throws IOException {
        reader.removeLogListener(listener);
        writer.close();
    }
}
