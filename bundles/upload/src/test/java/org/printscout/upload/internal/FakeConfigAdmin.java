package org.printscout.upload.internal;

import java.lang.reflect.Proxy;

import java.util.Dictionary;
import java.util.Enumeration;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * ConfigAdmin in memory, just the calls the applier makes (a dynamic proxy so the test need not
 * spell out the interface's other methods). {@link #updates} counts real changes.
 */
final class FakeConfigAdmin {

    final Map<String, Dictionary<String, Object>> store = new ConcurrentHashMap<>();
    final List<String> updates = new CopyOnWriteArrayList<>();

    ConfigurationAdmin admin() {
        return (ConfigurationAdmin) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {ConfigurationAdmin.class},
                (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "getConfiguration":
                            return configuration((String) args[0], null);
                        case "getFactoryConfiguration":
                            return configuration(args[0] + "~" + args[1], (String) args[0]);
                        case "listConfigurations":
                            Configuration[] managed = store.entrySet().stream()
                                    .filter(e -> Boolean.TRUE.equals(e.getValue().get(SiteConfiguration.MANAGED)))
                                    .map(e -> configuration(e.getKey(), e.getKey().contains("~") ? e.getKey().split("~")[0] : null))
                                    .toArray(Configuration[]::new);
                            return managed.length == 0 ? null : managed;
                        default:
                            throw new UnsupportedOperationException(method.getName());
                    }
                });
    }

    private Configuration configuration(String pid, String factoryPid) {
        return (Configuration) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Configuration.class},
                (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "getPid":
                            return pid;
                        case "getFactoryPid":
                            return factoryPid;
                        case "getProperties":
                            Dictionary<String, Object> current = store.get(pid);
                            return current == null ? null : new Hashtable<>(asMap(current));
                        case "updateIfDifferent":
                            @SuppressWarnings("unchecked")
                            Dictionary<String, Object> next = (Dictionary<String, Object>) args[0];
                            Dictionary<String, Object> before = store.get(pid);
                            if (before != null && same(asMap(before), asMap(next))) {
                                return false;
                            }
                            store.put(pid, new Hashtable<>(asMap(next)));
                            updates.add(pid);
                            return true;
                        case "delete":
                            store.remove(pid);
                            updates.add(pid + " deleted");
                            return null;
                        case "hashCode":
                            return pid.hashCode();
                        case "equals":
                            return proxy == args[0];
                        default:
                            throw new UnsupportedOperationException(method.getName());
                    }
                });
    }

    static Map<String, Object> asMap(Dictionary<String, Object> dictionary) {
        Map<String, Object> map = new TreeMap<>();
        for (Enumeration<String> keys = dictionary.keys(); keys.hasMoreElements(); ) {
            String key = keys.nextElement();
            map.put(key, dictionary.get(key));
        }
        return map;
    }

    private static boolean same(Map<String, Object> a, Map<String, Object> b) {
        if (!a.keySet().equals(b.keySet())) {
            return false;
        }
        for (String key : a.keySet()) {
            Object x = a.get(key);
            Object y = b.get(key);
            if (x instanceof Object[] && y instanceof Object[]) {
                if (!java.util.Arrays.equals((Object[]) x, (Object[]) y)) {
                    return false;
                }
            } else if (!Objects.equals(x, y)) {
                return false;
            }
        }
        return true;
    }

}
