package org.printscout.api.rollout;

import java.util.List;

/**
 * What became of a desired set, as the agent tells the portal.
 *
 * @param state {@code downloading}, {@code installed}, {@code healthy}, {@code rolled back}, {@code refused} or {@code failed}
 * @param reason why, in words for a dealer (empty when there is nothing to say)
 */
public record RolloutStatus(String setId, String state, String reason, List<Item> items) {

    public RolloutStatus {
        items = List.copyOf(items);
    }

    /** One artifact's state: {@code installed}, {@code healthy}, {@code refused} or {@code rolled back}. */
    public record Item(String symbolicName, String version, String state, String reason) {
    }
}
