package org.printscout.remoteui.internal;

import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import com.jcraft.jsch.HostKey;
import com.jcraft.jsch.HostKeyRepository;
import com.jcraft.jsch.UserInfo;

/**
 * The tunnel servers' host keys as the portal's configuration lists them ({@code HOST:PORT TYPE BASE64}).
 * A server that is not listed, or shows another key, fails the check, and JSch (with strict host key
 * checking) refuses to go on: no tunnel. Nothing is ever added: there is no trust on first use here.
 */
final class PinnedHostKeys implements HostKeyRepository {

    private final Map<String, byte[]> keys = new HashMap<>();

    PinnedHostKeys(String[] entries) {
        for (String entry : entries) {
            String[] parts = entry.strip().split("\\s+");
            if (parts.length < 3 || !parts[0].matches("[A-Za-z0-9.:_\\[\\]-]+:[0-9]{1,5}")) {
                throw new IllegalArgumentException("org.printscout.remoteui: key 'tunnelHostKeys' entry '" + shorten(entry)
                        + "' is not 'HOST:PORT KEYTYPE BASE64'");
            }
            try {
                keys.put(parts[0], Base64.getDecoder().decode(parts[2]));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("org.printscout.remoteui: key 'tunnelHostKeys' entry for " + parts[0]
                        + " has a key that is not base64");
            }
        }
    }

    boolean knows(String hostAndPort) {
        return keys.containsKey(hostAndPort);
    }

    /** JSch names a host on a port other than 22 "[host]:port"; the configuration always says HOST:PORT. */
    private static String name(String host) {
        if (host.startsWith("[")) {
            int close = host.indexOf("]:");
            return close < 0 ? host : host.substring(1, close) + host.substring(close + 1);
        }
        return host.contains(":") ? host : host + ":22";
    }

    @Override
    public int check(String host, byte[] key) {
        byte[] pinned = keys.get(name(host));
        if (pinned == null) {
            return NOT_INCLUDED;
        }
        return Arrays.equals(pinned, key) ? OK : CHANGED;
    }

    @Override
    public void add(HostKey hostkey, UserInfo ui) {
        // Pinned keys come only from the configuration.
    }

    @Override
    public void remove(String host, String type) {
        // Pinned keys come only from the configuration.
    }

    @Override
    public void remove(String host, String type, byte[] key) {
        // Pinned keys come only from the configuration.
    }

    @Override
    public String getKnownHostsRepositoryID() {
        return "printscout-pinned-tunnel-servers";
    }

    @Override
    public HostKey[] getHostKey() {
        return new HostKey[0];
    }

    @Override
    public HostKey[] getHostKey(String host, String type) {
        return new HostKey[0];
    }

    private static String shorten(String text) {
        return text.length() > 60 ? text.substring(0, 60) + "..." : text;
    }
}
