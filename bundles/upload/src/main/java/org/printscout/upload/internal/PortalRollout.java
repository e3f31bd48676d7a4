package org.printscout.upload.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.printscout.api.rollout.DesiredArtifact;
import org.printscout.api.rollout.RolloutPortal;
import org.printscout.api.rollout.RolloutStatus;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/**
 * The portal as the rollout bundle sees it (registered while the agent is activated): downloads and
 * status reports as this agent, and the dealer keys pinned in the identity file at activation.
 */
final class PortalRollout implements RolloutPortal {

    static final int MAX_STATUS_BYTES = 64 * 1024;
    static final int MAX_REASON = 2000;

    private final PortalClient client;
    private final PortalClient.Identity identity;

    PortalRollout(PortalClient client, PortalClient.Identity identity) {
        this.client = client;
        this.identity = identity;
    }

    @Override
    public InputStream download(DesiredArtifact artifact) throws IOException {
        try {
            return client.artifact(identity, artifact.sha256());
        } catch (PortalException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    @Override
    public void status(RolloutStatus status) throws IOException {
        try {
            client.rolloutStatus(identity, json(status));
        } catch (PortalException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    @Override
    public List<String> pinnedKeys() {
        return identity.artifactKeys();
    }

    /** The contract's JSON, cut to 64 KiB: the items go first when there are too many, the set's state and reason stay. */
    static String json(RolloutStatus status) {
        JsonObject body = new JsonObject();
        body.addProperty("setId", status.setId());
        body.addProperty("state", status.state());
        body.addProperty("reason", shorten(status.reason()));
        JsonArray items = new JsonArray();
        body.add("items", items);
        for (RolloutStatus.Item item : status.items()) {
            JsonObject one = new JsonObject();
            one.addProperty("symbolicName", item.symbolicName());
            one.addProperty("version", item.version());
            one.addProperty("state", item.state());
            one.addProperty("reason", shorten(item.reason()));
            items.add(one);
            if (body.toString().getBytes(StandardCharsets.UTF_8).length > MAX_STATUS_BYTES) {
                items.remove(items.size() - 1);
                break;
            }
        }
        return body.toString();
    }

    private static String shorten(String text) {
        String value = text == null ? "" : text;
        return value.length() > MAX_REASON ? value.substring(0, MAX_REASON - 3) + "..." : value;
    }
}
