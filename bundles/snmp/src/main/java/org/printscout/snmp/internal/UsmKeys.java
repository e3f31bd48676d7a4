package org.printscout.snmp.internal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import org.printscout.api.snmp.Credential;
import org.printscout.api.snmp.SecurityLevel;
import org.snmp4j.security.AuthenticationProtocol;
import org.snmp4j.security.PrivacyProtocol;
import org.snmp4j.smi.OctetString;

/**
 * Localized USM keys (RFC 3414 A.2) for a credential and an authoritative engine.
 *
 * <p>The keys travel in an SNMP4J {@code DirectUserTarget} instead of SNMP4J's USM user table: that
 * table holds one password per user name (engine-less entry), so two printers with the same user name
 * and different passwords would overwrite each other. With keys in the target, every request carries
 * exactly the keys of its own credential and engine.
 *
 * <p>Password-to-key hashes a megabyte per passphrase; that part does not depend on the engine, so it
 * is cached per passphrase ("Ku") and only the cheap localisation {@code H(Ku|engineID|Ku)} is done per
 * engine. The finished keys are cached per engine and credential, because the 3DES-style key extension
 * (3DES, AES-192C/256C) runs password-to-key once more. Both caches are bounded (least recently used).
 */
final class UsmKeys {

    private static final int EXPANDED_PASSWORD_LENGTH = 1_048_576;

    /** The keys of one credential for one engine; {@code privKey} is null below authPriv. */
    static final class Keys {
        private final AuthenticationProtocol auth;
        private final byte[] authKey;
        private final PrivacyProtocol priv;
        private final byte[] privKey;
        /** Set once the device has answered a request made with these keys. */
        private volatile boolean confirmed;

        Keys(AuthenticationProtocol auth, byte[] authKey, PrivacyProtocol priv, byte[] privKey) {
            this.auth = auth;
            this.authKey = authKey;
            this.priv = priv;
            this.privKey = privKey;
        }

        AuthenticationProtocol auth() {
            return auth;
        }

        byte[] authKey() {
            return authKey;
        }

        PrivacyProtocol priv() {
            return priv;
        }

        byte[] privKey() {
            return privKey;
        }

        boolean confirmed() {
            return confirmed;
        }

        void confirm() {
            confirmed = true;
        }
    }

    private record KuKey(AuthenticationProtocol protocol, String passphrase) {
    }

    private record LocalizedKey(String engineId, Credential.Usm credential) {
    }

    private final Protocols protocols;
    private final Map<KuKey, byte[]> kuCache;
    private final Map<LocalizedKey, Keys> localizedCache;

    UsmKeys(Protocols protocols, int cacheSize) {
        this.protocols = protocols;
        this.kuCache = lru(Math.max(16, cacheSize / 16));
        this.localizedCache = lru(cacheSize);
    }

    private static <K, V> Map<K, V> lru(int size) {
        return new LinkedHashMap<>(64, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > size;
            }
        };
    }

    /** Keys of {@code usm} localized for {@code engineId}; null keys below the levels that need them. */
    Keys keys(Credential.Usm usm, byte[] engineId) {
        LocalizedKey cacheKey = new LocalizedKey(java.util.HexFormat.of().formatHex(engineId), usm);
        synchronized (localizedCache) {
            Keys cached = localizedCache.get(cacheKey);
            if (cached != null) {
                return cached;
            }
        }
        Keys keys;
        if (usm.level() == SecurityLevel.NO_AUTH_NO_PRIV) {
            keys = new Keys(null, null, null, null);
        } else {
            AuthenticationProtocol auth = protocols.auth(usm.authProtocol());
            PrivacyProtocol priv = usm.level() == SecurityLevel.AUTH_PRIV ? protocols.priv(usm.privProtocol()) : null;
            keys = new Keys(auth, localize(auth, usm.authPassphrase(), engineId), priv,
                    priv == null ? null : privacyKey(priv, auth, usm.privPassphrase(), engineId));
        }
        synchronized (localizedCache) {
            Keys raced = localizedCache.putIfAbsent(cacheKey, keys);
            return raced != null ? raced : keys;
        }
    }

    /** The same result as SNMP4J's {@code AuthenticationProtocol.passwordToKey}, with Ku cached. */
    byte[] localize(AuthenticationProtocol auth, String passphrase, byte[] engineId) {
        byte[] ku = ku(auth, passphrase);
        byte[] buffer = new byte[ku.length * 2 + engineId.length];
        System.arraycopy(ku, 0, buffer, 0, ku.length);
        System.arraycopy(engineId, 0, buffer, ku.length, engineId.length);
        System.arraycopy(ku, 0, buffer, ku.length + engineId.length, ku.length);
        return auth.hash(buffer);
    }

    /** The same result as SNMP4J's {@code SecurityProtocols.passwordToKey(priv, auth, ...)}. */
    byte[] privacyKey(PrivacyProtocol priv, AuthenticationProtocol auth, String passphrase, byte[] engineId) {
        byte[] key = localize(auth, passphrase, engineId);
        if (key.length < priv.getMinKeyLength()) {
            return priv.extendShortKey(key, new OctetString(passphrase.getBytes(StandardCharsets.UTF_8)), engineId, auth);
        }
        if (key.length > priv.getMaxKeyLength()) {
            return Arrays.copyOf(key, priv.getMaxKeyLength());
        }
        return key;
    }

    private byte[] ku(AuthenticationProtocol auth, String passphrase) {
        KuKey cacheKey = new KuKey(auth, passphrase);
        synchronized (kuCache) {
            byte[] cached = kuCache.get(cacheKey);
            if (cached != null) {
                return cached;
            }
        }
        byte[] password = passphrase.getBytes(StandardCharsets.UTF_8);
        byte[] expanded = new byte[EXPANDED_PASSWORD_LENGTH];
        for (int i = 0; i < expanded.length; i++) {
            expanded[i] = password[i % password.length];
        }
        byte[] ku = auth.hash(expanded);
        synchronized (kuCache) {
            kuCache.put(cacheKey, ku);
        }
        return ku;
    }
}
