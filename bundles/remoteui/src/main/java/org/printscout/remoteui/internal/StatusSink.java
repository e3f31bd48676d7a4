package org.printscout.remoteui.internal;

/** Where a session's state goes: published to the portal over MQTT, and logged. */
@FunctionalInterface
interface StatusSink {

    /** {@code state}: open, refused, failed or closed; {@code reason} says why, for the user who asked. */
    void status(String session, String state, String reason);
}
