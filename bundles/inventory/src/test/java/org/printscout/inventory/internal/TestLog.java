package org.printscout.inventory.internal;

import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.osgi.service.log.Logger;

/** An OSGi {@link Logger} for tests that keeps "LEVEL message" lines. */
final class TestLog {

    final List<String> lines = new CopyOnWriteArrayList<>();

    Logger logger() {
        return (Logger) Proxy.newProxyInstance(Logger.class.getClassLoader(), new Class<?>[] {Logger.class},
                (proxy, method, args) -> {
                    String name = method.getName();
                    if (args != null && args.length > 0 && args[0] instanceof String message
                            && List.of("trace", "debug", "info", "warn", "error", "audit").contains(name)) {
                        lines.add(name.toUpperCase() + " " + message);
                        return null;
                    }
                    return switch (name) {
                        case "getName" -> "test";
                        case "toString" -> "TestLog";
                        case "hashCode" -> System.identityHashCode(proxy);
                        case "equals" -> proxy == args[0];
                        default -> method.getReturnType() == boolean.class ? Boolean.TRUE : null;
                    };
                });
    }
}
