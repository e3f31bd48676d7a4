package org.printscout.portal.server.internal;

import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

/**
 * The one way the portal parses JSON it is sent (agents' bodies, the operator's site configuration).
 * Gson's tree parser recurses per nesting level, so 8 000 nested brackets (16 KB) ended in a
 * StackOverflowError; the depth is measured first, by a loop that needs no stack, and a deeper
 * document is refused before Gson sees it. Gson 2.11 has no nesting limit of its own.
 */
final class Json {

    /** Deeper than anything the importer API or a site configuration needs (a few levels). */
    static final int MAX_DEPTH = 64;

    /** A document the portal refuses, with the reason to answer (400). */
    static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        Refused(String reason) {
            super(reason);
        }
    }

    private Json() {
    }

    /** The text as a JSON object, or {@link Refused} naming what is wrong (too deep, not JSON, not an object). */
    static JsonObject object(String text) throws Refused {
        int depth = depth(text);
        if (depth > MAX_DEPTH) {
            throw new Refused("the JSON is nested deeper than " + MAX_DEPTH + " levels");
        }
        try {
            return JsonParser.parseString(text).getAsJsonObject();
        } catch (JsonParseException | IllegalStateException e) {
            throw new Refused("the body must be a JSON object");
        }
    }

    /** The deepest nesting of arrays and objects, brackets inside strings not counted. */
    static int depth(String text) {
        int depth = 0;
        int deepest = 0;
        boolean inString = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '[' || c == '{') {
                deepest = Math.max(deepest, ++depth);
            } else if (c == ']' || c == '}') {
                depth--;
            }
        }
        return deepest;
    }
}
