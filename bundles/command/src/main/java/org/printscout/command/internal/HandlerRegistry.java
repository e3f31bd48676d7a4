package org.printscout.command.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

import org.printscout.api.command.CommandHandler;

/**
 * The command handlers by code (the whiteboard). When two handlers claim one code, the one with the
 * higher {@code service.ranking} runs (then the older registration); a handler whose code property is
 * not an Integer is refused with a message saying how to write it.
 */
final class HandlerRegistry {

    /** Gets a handler only when a command needs it, so registering one costs nothing. */
    interface Source {
        CommandHandler acquire();

        void release(CommandHandler handler);
    }

    record Registered(long serviceId, int code, int ranking, String name, Source source) {
    }

    private static final Comparator<Registered> PREFERRED = Comparator.comparingInt(Registered::ranking).reversed()
            .thenComparingLong(Registered::serviceId);

    private final List<Registered> handlers = new ArrayList<>();

    /**
     * Adds a handler from its service properties.
     *
     * @return null when added, else why it was refused (for the log)
     */
    synchronized String add(Source source, Map<String, ?> properties) {
        Object code = properties.get(CommandHandler.CODE);
        String name = name(properties);
        if (!(code instanceof Integer c)) {
            return "command handler " + name + " is ignored: its " + CommandHandler.CODE + " is "
                    + (code == null ? "missing" : "'" + code + "' (" + code.getClass().getSimpleName() + ")")
                    + "; it must be an Integer, e.g. property = \"" + CommandHandler.CODE + ":Integer=3\"";
        }
        Object ranking = properties.get("service.ranking");
        handlers.add(new Registered(serviceId(properties), c, ranking instanceof Integer r ? r : 0, name, source));
        return null;
    }

    synchronized void remove(Map<String, ?> properties) {
        long id = serviceId(properties);
        handlers.removeIf(h -> h.serviceId() == id);
    }

    synchronized Optional<Registered> find(int code) {
        return handlers.stream().filter(h -> h.code() == code).min(PREFERRED);
    }

    synchronized SortedSet<Integer> codes() {
        TreeSet<Integer> codes = new TreeSet<>();
        handlers.forEach(h -> codes.add(h.code()));
        return codes;
    }

    private static long serviceId(Map<String, ?> properties) {
        Object id = properties.get("service.id");
        return id instanceof Long l ? l : -1;
    }

    private static String name(Map<String, ?> properties) {
        Object component = properties.get("component.name");
        return component != null ? component.toString() : "service " + properties.get("service.id");
    }
}
