package org.printscout.config.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.osgi.service.metatype.AttributeDefinition;

class AttributeValuesTest {

    /** An attribute as Felix metatype describes one: type, cardinality, options, and a min/max check. */
    private record Ad(String id, int type, int cardinality, String[] options, Long min, Long max) implements AttributeDefinition {
        @Override
        public String getName() {
            return id;
        }

        @Override
        public String getID() {
            return id;
        }

        @Override
        public String getDescription() {
            return "";
        }

        @Override
        public int getCardinality() {
            return cardinality;
        }

        @Override
        public int getType() {
            return type;
        }

        @Override
        public String[] getOptionValues() {
            return options;
        }

        @Override
        public String[] getOptionLabels() {
            return options;
        }

        @Override
        public String validate(String value) {
            try {
                long v = Long.parseLong(value);
                return min != null && v < min ? "value must be at least " + min : max != null && v > max ? "value must be at most " + max : "";
            } catch (NumberFormatException e) {
                return "";
            }
        }

        @Override
        public String[] getDefaultValue() {
            return null;
        }
    }

    private static final Ad PORT = new Ad("port", AttributeDefinition.INTEGER, 0, null, 1L, 65535L);
    private static final Ad MODE = new Ad("mode", AttributeDefinition.STRING, 0, new String[] {"normal", "debug"}, null, null);
    private static final Ad RANGES = new Ad("ranges", AttributeDefinition.STRING, 100, null, null, null);
    private static final Ad SECRET = new Ad("community", AttributeDefinition.PASSWORD, 0, null, null, null);
    private static final Ad ENABLED = new Ad("enabled", AttributeDefinition.BOOLEAN, 0, null, null, null);
    private static final Ad MINUTES = new Ad("minutes", AttributeDefinition.DOUBLE, 0, null, 0L, null);

    private static String refusal(AttributeDefinition ad, Object value) {
        return assertThrows(IllegalArgumentException.class, () -> AttributeValues.convert(ad, value)).getMessage();
    }

    @Test
    void valuesFromTheCommandLineAndFromJsonBecomeTheAttributesType() {
        assertEquals(161, AttributeValues.convert(PORT, "161"));
        assertEquals(16100, AttributeValues.convert(PORT, 16100L));
        assertEquals(true, AttributeValues.convert(ENABLED, Boolean.TRUE));
        assertEquals(false, AttributeValues.convert(ENABLED, "false"));
        assertEquals(2.5, AttributeValues.convert(MINUTES, 2.5));
        assertEquals(10.0, AttributeValues.convert(MINUTES, 10L));
        assertArrayEquals(new String[] {"10.0.0.0/24", "10.0.1.5"}, (String[]) AttributeValues.convert(RANGES, "10.0.0.0/24, 10.0.1.5"));
        assertArrayEquals(new String[] {"10.0.0.1, 10.0.0.2"}, (String[]) AttributeValues.convert(RANGES, new String[] {"10.0.0.1, 10.0.0.2"}));
        assertArrayEquals(new String[] {"a", "b"}, (String[]) AttributeValues.convert(RANGES, List.of("a", "b")));
    }

    @Test
    void wrongTypesRangesOptionsAndCardinalityAreRefusedWithTheReason() {
        assertEquals("'70000' refused: value must be at most 65535", refusal(PORT, 70000L));
        assertEquals("'1.5' is not an integer", refusal(PORT, 1.5));
        assertEquals("'true' is not an integer", refusal(PORT, true));
        assertEquals("'verbose' is not one of normal, debug", refusal(MODE, "verbose"));
        assertEquals("'5' is not a string", refusal(MODE, 5L));
        assertEquals("takes one value, not a list", refusal(MODE, new String[] {"normal"}));
        assertEquals("'yes' is not true or false", refusal(ENABLED, "yes"));
        assertEquals("'NaN' is not a finite number", refusal(MINUTES, "NaN"));
        assertEquals("'-1' refused: value must be at least 0", refusal(MINUTES, -1L));
        assertEquals("takes at most 100 values, not 101", refusal(RANGES, java.util.Collections.nCopies(101, "10.0.0.1")));
    }

    @Test
    void aSecretIsNeverEchoed() {
        String message = refusal(SECRET, 12345L);
        assertEquals("the value is not a secret", message);
        assertFalse(message.contains("12345"));
    }
}
