package org.printscout.config.internal;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

import org.osgi.service.metatype.AttributeDefinition;

/**
 * Converts one raw value to the type of its attribute definition and checks it against the
 * definition's cardinality, options and range. A refusal is an {@link IllegalArgumentException}
 * whose message never holds the value of a secret attribute.
 */
final class AttributeValues {

    private AttributeValues() {
    }

    static Object convert(AttributeDefinition ad, Object raw) {
        if (ad.getCardinality() == 0) {
            if (raw instanceof Collection || raw != null && raw.getClass().isArray()) {
                throw new IllegalArgumentException("takes one value, not a list");
            }
            return convertOne(ad, raw);
        }
        List<Object> items = new ArrayList<>();
        if (raw instanceof Collection<?> collection) {
            items.addAll(collection);
        } else if (raw != null && raw.getClass().isArray()) {
            for (int i = 0; i < Array.getLength(raw); i++) {
                items.add(Array.get(raw, i));
            }
        } else if (raw instanceof String text) {
            // as typed on a command line: a,b,c
            if (!text.isEmpty()) {
                items.addAll(Arrays.asList(text.split("\\s*,\\s*")));
            }
        } else {
            items.add(raw);
        }
        if (items.size() > Math.abs(ad.getCardinality())) {
            throw new IllegalArgumentException("takes at most " + Math.abs(ad.getCardinality()) + " values, not " + items.size());
        }
        Object array = Array.newInstance(javaType(ad), items.size());
        for (int i = 0; i < items.size(); i++) {
            Array.set(array, i, convertOne(ad, items.get(i)));
        }
        return array;
    }

    private static Object convertOne(AttributeDefinition ad, Object raw) {
        if (raw == null) {
            throw new IllegalArgumentException("has no value");
        }
        boolean secret = ad.getType() == AttributeDefinition.PASSWORD;
        String shown = secret ? "the value" : "'" + raw + "'";
        if (!(raw instanceof String || raw instanceof Number || raw instanceof Boolean || raw instanceof Character)) {
            throw new IllegalArgumentException("holds a " + raw.getClass().getSimpleName() + ", not " + typeName(ad));
        }
        if ((ad.getType() == AttributeDefinition.STRING || secret) && !(raw instanceof String)) {
            throw new IllegalArgumentException(shown + " is not " + typeName(ad));
        }
        String text = raw instanceof Double d && d == Math.rint(d) && !isFloating(ad) ? Long.toString(d.longValue()) : raw.toString();
        if (raw instanceof Boolean && ad.getType() != AttributeDefinition.BOOLEAN
                || raw instanceof Number && (ad.getType() == AttributeDefinition.BOOLEAN || ad.getType() == AttributeDefinition.CHARACTER)) {
            throw new IllegalArgumentException(shown + " is not " + typeName(ad));
        }
        Object value;
        try {
            value = switch (ad.getType()) {
                case AttributeDefinition.INTEGER -> Integer.valueOf(text.strip());
                case AttributeDefinition.LONG -> Long.valueOf(text.strip());
                case AttributeDefinition.SHORT -> Short.valueOf(text.strip());
                case AttributeDefinition.BYTE -> Byte.valueOf(text.strip());
                case AttributeDefinition.DOUBLE -> Double.valueOf(text.strip());
                case AttributeDefinition.FLOAT -> Float.valueOf(text.strip());
                case AttributeDefinition.BOOLEAN -> bool(text, shown);
                case AttributeDefinition.CHARACTER -> {
                    if (text.length() != 1) {
                        throw new IllegalArgumentException(shown + " is not one character");
                    }
                    yield text.charAt(0);
                }
                default -> text;
            };
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(shown + " is not " + typeName(ad));
        }
        if (value instanceof Double d && (d.isNaN() || d.isInfinite()) || value instanceof Float f && (f.isNaN() || f.isInfinite())) {
            throw new IllegalArgumentException(shown + " is not a finite number");
        }
        String[] options = ad.getOptionValues();
        if (options != null && options.length > 0 && !Arrays.asList(options).contains(text)) {
            throw new IllegalArgumentException(shown + " is not one of " + String.join(", ", options));
        }
        String verdict = ad.validate(text);
        if (verdict != null && !verdict.isEmpty()) {
            throw new IllegalArgumentException(shown + " refused: " + verdict);
        }
        return value;
    }

    private static boolean isFloating(AttributeDefinition ad) {
        return ad.getType() == AttributeDefinition.DOUBLE || ad.getType() == AttributeDefinition.FLOAT;
    }

    private static Boolean bool(String text, String shown) {
        if ("true".equalsIgnoreCase(text) || "false".equalsIgnoreCase(text)) {
            return Boolean.valueOf(text);
        }
        throw new IllegalArgumentException(shown + " is not true or false");
    }

    private static Class<?> javaType(AttributeDefinition ad) {
        return switch (ad.getType()) {
            case AttributeDefinition.INTEGER -> Integer.class;
            case AttributeDefinition.LONG -> Long.class;
            case AttributeDefinition.SHORT -> Short.class;
            case AttributeDefinition.BYTE -> Byte.class;
            case AttributeDefinition.DOUBLE -> Double.class;
            case AttributeDefinition.FLOAT -> Float.class;
            case AttributeDefinition.BOOLEAN -> Boolean.class;
            case AttributeDefinition.CHARACTER -> Character.class;
            default -> String.class;
        };
    }

    static String typeName(AttributeDefinition ad) {
        String base = switch (ad.getType()) {
            case AttributeDefinition.INTEGER -> "an integer";
            case AttributeDefinition.LONG -> "a long integer";
            case AttributeDefinition.SHORT -> "a short integer";
            case AttributeDefinition.BYTE -> "a byte";
            case AttributeDefinition.DOUBLE, AttributeDefinition.FLOAT -> "a number";
            case AttributeDefinition.BOOLEAN -> "a boolean";
            case AttributeDefinition.PASSWORD -> "a secret";
            case AttributeDefinition.CHARACTER -> "a character";
            default -> "a string";
        };
        return ad.getCardinality() == 0 ? base : base + " list";
    }
}
