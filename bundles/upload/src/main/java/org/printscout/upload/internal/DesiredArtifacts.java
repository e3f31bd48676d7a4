package org.printscout.upload.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.printscout.api.rollout.DesiredArtifact;
import org.printscout.api.rollout.DesiredSet;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

/**
 * The site configuration's {@code artifacts} member (docs/rollout.md): the portal's desired set of
 * signed artifacts, handed to the rollout bundle. Only its form is checked here; the rollout bundle
 * verifies the signatures. A malformed member is refused on its own with the reason: the rest of the
 * document still applies, and the set in force stays.
 */
final class DesiredArtifacts {

    /**
     * @param set the set, or null when the member is absent or refused
     * @param refusal why the member is refused, or null
     */
    record Member(DesiredSet set, String refusal) {
        static final Member ABSENT = new Member(null, null);
    }

    static final int MAX_ITEMS = 500;
    private static final Pattern SET_ID = Pattern.compile("[\\x21-\\x7e]{1,200}");

    private DesiredArtifacts() {
    }

    static Member parse(JsonElement member) {
        if (member == null || member.isJsonNull()) {
            return Member.ABSENT;
        }
        try {
            if (!member.isJsonObject()) {
                throw new IllegalArgumentException("'artifacts' is not an object");
            }
            JsonObject object = member.getAsJsonObject();
            String setId = string(object, "setId", "artifacts");
            if (!SET_ID.matcher(setId).matches()) {
                throw new IllegalArgumentException("artifacts: 'setId' must be 1 to 200 visible characters");
            }
            JsonElement items = object.get("items");
            if (items == null || !items.isJsonArray()) {
                throw new IllegalArgumentException("artifacts: 'items' is not an array");
            }
            if (items.getAsJsonArray().size() > MAX_ITEMS) {
                throw new IllegalArgumentException("artifacts: more than " + MAX_ITEMS + " items");
            }
            List<DesiredArtifact> artifacts = new ArrayList<>();
            int index = 0;
            for (JsonElement item : items.getAsJsonArray()) {
                String where = "artifacts: item " + index++;
                if (!item.isJsonObject()) {
                    throw new IllegalArgumentException(where + " is not an object");
                }
                JsonObject a = item.getAsJsonObject();
                JsonElement size = a.get("size");
                if (size == null || !size.isJsonPrimitive() || !size.getAsJsonPrimitive().isNumber()) {
                    throw new IllegalArgumentException(where + ": 'size' is not a number");
                }
                artifacts.add(new DesiredArtifact(string(a, "kind", where), optional(a, "name"), string(a, "symbolicName", where),
                        string(a, "version", where), string(a, "sha256", where), size.getAsLong(), optional(a, "keyId"), optional(a, "signature")));
            }
            return new Member(new DesiredSet(setId, artifacts), null);
        } catch (IllegalArgumentException e) {
            return new Member(null, e.getMessage());
        }
    }

    private static String string(JsonObject object, String key, String where) {
        String value = optional(object, key);
        if (value.isEmpty()) {
            throw new IllegalArgumentException(where + ": '" + key + "' is missing");
        }
        return value;
    }

    /** Unsigned or keyless items are passed on: the rollout bundle refuses them with that reason. */
    private static String optional(JsonObject object, String key) {
        JsonElement value = object.get(key);
        if (value == null || value.isJsonNull()) {
            return "";
        }
        if (!value.isJsonPrimitive()) {
            throw new IllegalArgumentException("artifacts: '" + key + "' is not a value");
        }
        JsonPrimitive primitive = value.getAsJsonPrimitive();
        return primitive.getAsString();
    }
}
