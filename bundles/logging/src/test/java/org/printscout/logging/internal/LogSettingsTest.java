package org.printscout.logging.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.osgi.service.log.LogLevel;

class LogSettingsTest {

    private static LoggingConfig config(String mode, String directory, int kib, int kept) {
        return new LoggingConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return LoggingConfig.class;
            }
            @Override
            public String mode() {
                return mode;
            }
            @Override
            public String directory() {
                return directory;
            }
            @Override
            public int maxFileKib() {
                return kib;
            }
            @Override
            public int filesKept() {
                return kept;
            }
        };
    }

    @Test
    void theModesSetTheLevel() {
        List<String> problems = new ArrayList<>();
        assertEquals(LogLevel.DEBUG, LogSettings.DEFAULTS.with(config("debug", "data/log", 2048, 5), problems).level());
        assertEquals(LogLevel.INFO, LogSettings.DEFAULTS.with(config("normal", "data/log", 2048, 5), problems).level());
        assertEquals(List.of(), problems);
    }

    @Test
    void aBadValueIsRefusedWithItsKeyAndTheValueInForceStays() {
        LogSettings debug = LogSettings.DEFAULTS.with(config("debug", "logs", 64, 3), new ArrayList<>());
        List<String> problems = new ArrayList<>();
        LogSettings next = debug.with(config("loud", " ", 8, 500), problems);
        assertEquals(new LogSettings("debug", "logs", 64, 3), next);
        assertEquals(List.of(
                "org.printscout.logging: key 'mode' refused: 'loud' is not one of normal, debug; debug stays in force",
                "org.printscout.logging: key 'directory' refused: it is empty; logs stays in force",
                "org.printscout.logging: key 'maxFileKib' refused: 8 is not between 16 and 1048576; 64 stays in force",
                "org.printscout.logging: key 'filesKept' refused: 500 is not between 1 and 100; 3 stays in force"), problems);
    }
}
