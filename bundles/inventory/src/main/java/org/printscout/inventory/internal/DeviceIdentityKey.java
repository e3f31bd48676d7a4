package org.printscout.inventory.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

import org.printscout.api.model.DeviceIdentity;

/**
 * Who a device is, for the inventory: serial number and MAC address together. Only a device that
 * tells neither falls back to where it answered (address, port) and what it is (sysObjectID).
 */
record DeviceIdentityKey(String serial, String mac, String fallback) {

    static DeviceIdentityKey of(DeviceIdentity identity, int port) {
        String serial = normalise(identity.serialNumber());
        String mac = normalise(identity.macAddress());
        if (serial == null && mac == null) {
            return new DeviceIdentityKey(null, null, identity.address() + ":" + port + "|" + identity.sysObjectId());
        }
        return new DeviceIdentityKey(serial, mac, null);
    }

    static DeviceIdentityKey of(String serial, String mac, String address, int port, String sysObjectId) {
        return of(new DeviceIdentity(address, mac, serial, null, null, sysObjectId, null, null, null), port);
    }

    private static String normalise(String s) {
        if (s == null) {
            return null;
        }
        String t = s.strip().toUpperCase(Locale.ROOT);
        return t.isEmpty() ? null : t;
    }

    boolean complete() {
        return serial != null && mac != null;
    }

    /** A short stable id, the same for the same key on every agent and after every restart. */
    String id() {
        String text = fallback != null ? "addr|" + fallback : "sn|" + serial + "|mac|" + mac;
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
