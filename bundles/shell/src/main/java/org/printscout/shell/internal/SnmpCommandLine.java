package org.printscout.shell.internal;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.printscout.api.snmp.AuthProtocol;
import org.printscout.api.snmp.Credential;
import org.printscout.api.snmp.PrivProtocol;
import org.printscout.api.snmp.SecurityLevel;
import org.printscout.api.snmp.SnmpTarget;
import org.printscout.api.snmp.SnmpVersion;

/**
 * The arguments of {@code scout:read} and {@code scout:walk}, spelled as net-snmp's tools spell them
 * so an administrator's habits carry over: {@code -v 1|2c|3 -c COMMUNITY -u USER -l LEVEL -a PROTO
 * -A PASS -x PROTO -X PASS -n CONTEXT -t SECONDS -r RETRIES}, attached ({@code -v2c}) or separate.
 * Plus PrintScout's own {@code --profile NAME}, {@code --json}, {@code --out FILE}, {@code --max-rows N}.
 * Error messages never repeat a secret.
 */
final class SnmpCommandLine {

    final List<String> positional = new ArrayList<>();
    String version;
    String community;
    String user;
    String level;
    String authProtocol;
    String authPassphrase;
    String privProtocol;
    String privPassphrase;
    String context;
    Double timeoutSeconds;
    Integer retries;
    Integer maxRepetitions;
    String profile;
    boolean json;
    String out;
    Integer maxRows;

    private static final Set<String> WITH_VALUE = Set.of("v", "c", "u", "l", "a", "A", "x", "X", "n", "t", "r", "Cr");

    static SnmpCommandLine parse(String... args) {
        SnmpCommandLine cl = new SnmpCommandLine();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.startsWith("--")) {
                String name = arg.substring(2);
                switch (name) {
                    case "json" -> cl.json = true;
                    case "profile" -> cl.profile = value(args, ++i, arg);
                    case "out" -> cl.out = value(args, ++i, arg);
                    case "max-rows" -> cl.maxRows = positiveInt(value(args, ++i, arg), arg);
                    default -> throw new IllegalArgumentException("unknown option " + arg);
                }
            } else if (arg.startsWith("-") && arg.length() > 1) {
                String flag = arg.startsWith("-Cr") ? "Cr" : arg.substring(1, 2);
                if (!WITH_VALUE.contains(flag)) {
                    throw new IllegalArgumentException("unknown option " + arg);
                }
                String attached = arg.substring(1 + flag.length());
                String value = attached.isEmpty() ? value(args, ++i, "-" + flag) : attached;
                cl.set(flag, value);
            } else {
                cl.positional.add(arg);
            }
        }
        return cl;
    }

    private void set(String flag, String value) {
        switch (flag) {
            case "v" -> version = value;
            case "c" -> community = value;
            case "u" -> user = value;
            case "l" -> level = value;
            case "a" -> authProtocol = value;
            case "A" -> authPassphrase = value;
            case "x" -> privProtocol = value;
            case "X" -> privPassphrase = value;
            case "n" -> context = value;
            case "t" -> {
                try {
                    timeoutSeconds = Double.valueOf(value);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("-t needs seconds, got '" + value + "'");
                }
                if (timeoutSeconds <= 0) {
                    throw new IllegalArgumentException("-t must be positive");
                }
            }
            case "r" -> {
                try {
                    retries = Integer.valueOf(value);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("-r needs a number, got '" + value + "'");
                }
            }
            case "Cr" -> maxRepetitions = positiveInt(value, "-Cr");
            default -> throw new IllegalStateException(flag);
        }
    }

    /** True when the command line says anything about credentials (then no profile is used). */
    boolean hasCredentialOptions() {
        return version != null || community != null || user != null || level != null || authProtocol != null
                || authPassphrase != null || privProtocol != null || privPassphrase != null || context != null;
    }

    /** The credential the options describe; defaults as net-snmp's: v2c when a community is given, v3 for a user. */
    Credential credential() {
        SnmpVersion v = version != null ? SnmpVersion.parse(version) : user != null ? SnmpVersion.V3 : SnmpVersion.V2C;
        if (v != SnmpVersion.V3) {
            return new Credential.Community(v, community == null ? "public" : community);
        }
        if (user == null) {
            throw new IllegalArgumentException("SNMPv3 needs a user name (-u USER)");
        }
        SecurityLevel l = level != null ? SecurityLevel.parse(level)
                : privPassphrase != null ? SecurityLevel.AUTH_PRIV
                : authPassphrase != null ? SecurityLevel.AUTH_NO_PRIV : SecurityLevel.NO_AUTH_NO_PRIV;
        AuthProtocol auth = l == SecurityLevel.NO_AUTH_NO_PRIV ? null
                : authProtocol == null ? AuthProtocol.MD5 : AuthProtocol.parse(authProtocol);
        PrivProtocol priv = l != SecurityLevel.AUTH_PRIV ? null
                : privProtocol == null ? PrivProtocol.DES : PrivProtocol.parse(privProtocol);
        return new Credential.Usm(user, l, auth, authPassphrase, priv, privPassphrase, context);
    }

    /** Applies -t, -r and -Cr to a target. */
    SnmpTarget tune(SnmpTarget target) {
        Duration timeout = timeoutSeconds == null ? target.timeout() : Duration.ofMillis(Math.round(timeoutSeconds * 1000));
        int r = retries == null ? target.retries() : retries;
        int reps = maxRepetitions == null ? target.maxRepetitions() : maxRepetitions;
        return new SnmpTarget(target.address(), target.credential(), timeout, r, target.maxVarbindsPerRequest(), reps);
    }

    /**
     * Parses {@code host}, {@code host:port}, {@code [v6]:port}, {@code udp:host:port},
     * {@code udp6:[v6]:port}; the default port is 161.
     */
    static InetSocketAddress address(String spec) {
        String s = spec;
        if (s.startsWith("udp6:") || s.startsWith("udp:")) {
            s = s.substring(s.indexOf(':') + 1);
        }
        String host = s;
        int port = 161;
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("bad address '" + spec + "'");
            }
            host = s.substring(1, close);
            if (s.length() > close + 1) {
                if (s.charAt(close + 1) != ':') {
                    throw new IllegalArgumentException("bad address '" + spec + "'");
                }
                port = port(s.substring(close + 2), spec);
            }
        } else if (s.indexOf(':') >= 0 && s.indexOf(':') == s.lastIndexOf(':')) {
            host = s.substring(0, s.indexOf(':'));
            port = port(s.substring(s.indexOf(':') + 1), spec);
        }
        try {
            return new InetSocketAddress(InetAddress.getByName(host), port);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("unknown host '" + host + "'");
        }
    }

    private static int port(String text, String spec) {
        try {
            int port = Integer.parseInt(text);
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad port in '" + spec + "'");
        }
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException("option " + option + " needs a value");
        }
        return args[i];
    }

    private static int positiveInt(String text, String option) {
        try {
            int v = Integer.parseInt(text);
            if (v < 1) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a positive number, got '" + text + "'");
        }
    }

    static Set<String> secretsOf(SnmpCommandLine cl) {
        Set<String> s = new LinkedHashSet<>();
        for (String v : new String[] {cl.community, cl.authPassphrase, cl.privPassphrase}) {
            if (v != null && !v.isEmpty()) {
                s.add(v);
            }
        }
        return s;
    }
}
