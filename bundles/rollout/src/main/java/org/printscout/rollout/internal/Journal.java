package org.printscout.rollout.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;

/**
 * The rollout's memory in {@code data/rollout/}: {@code installed.json}, the set in force (what the
 * agent installs again at every start, since the framework cache is cleaned then), and
 * {@code journal.json}, present only while a new set is being installed. Both are written whole
 * (temp file, fsync, atomic rename). A journal found at start means the agent stopped mid-install: the
 * set in force, which is still the previous one, is put back.
 */
final class Journal {

    /** The set in force, and what became of the last set the portal asked for. */
    record State(String setId, List<Installed> entries, String lastSetId, String lastOutcome, String lastReason) {
        static final State EMPTY = new State("", List.of(), "", "", "");

        State {
            entries = List.copyOf(entries == null ? List.of() : entries);
            setId = setId == null ? "" : setId;
            lastSetId = lastSetId == null ? "" : lastSetId;
            lastOutcome = lastOutcome == null ? "" : lastOutcome;
            lastReason = lastReason == null ? "" : lastReason;
        }

        State outcome(String set, String outcome, String reason) {
            return new State(setId, entries, set, outcome, reason);
        }
    }

    /**
     * An install under way: the set that was in force before it, and the one being installed. A set
     * that changes a bundle the rollout runs on is applied by a restart of the framework: {@code restart}
     * says which one is under way ({@link #APPLY} the new set, {@link #ROLL_BACK} the previous one, with
     * {@code reason}, {@link #RESTORE} the set in force after a cleaned start), and {@code activeBefore}
     * names the shipped bundles that were ACTIVE before it, which must all be ACTIVE after it.
     */
    record Pending(String setId, State previous, List<Installed> next, String restart, List<String> activeBefore, String reason) {
        static final String APPLY = "apply";
        static final String ROLL_BACK = "roll back";
        static final String RESTORE = "restore";

        Pending {
            next = List.copyOf(next == null ? List.of() : next);
            previous = previous == null ? State.EMPTY : previous;
            restart = restart == null ? "" : restart;
            activeBefore = List.copyOf(activeBefore == null ? List.of() : activeBefore);
            reason = reason == null ? "" : reason;
        }

        Pending(String setId, State previous, List<Installed> next) {
            this(setId, previous, next, "", List.of(), "");
        }

        Pending restarting(String phase, List<String> active, String why) {
            return new Pending(setId, previous, next, phase, active, why);
        }

        /** Every mapping file either set names: what recovery must put right in the deploy folder. */
        List<Installed> touchedMappings() {
            List<Installed> all = new ArrayList<>();
            previous.entries().stream().filter(e -> !e.bundle()).forEach(all::add);
            next.stream().filter(e -> !e.bundle()).forEach(all::add);
            return all;
        }
    }

    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

    private final Path state;
    private final Path journal;

    Journal(Path dir) {
        this.state = dir.resolve("installed.json");
        this.journal = dir.resolve("journal.json");
    }

    State state() throws IOException {
        if (!Files.exists(state)) {
            return State.EMPTY;
        }
        try {
            State read = GSON.fromJson(Files.readString(state, StandardCharsets.UTF_8), State.class);
            return read == null ? State.EMPTY : new State(read.setId(), read.entries(), read.lastSetId(), read.lastOutcome(), read.lastReason());
        } catch (JsonParseException e) {
            throw new IOException(state + " cannot be read: " + e.getMessage(), e);
        }
    }

    Optional<Pending> pending() throws IOException {
        if (!Files.exists(journal)) {
            return Optional.empty();
        }
        try {
            Pending read = GSON.fromJson(Files.readString(journal, StandardCharsets.UTF_8), Pending.class);
            return Optional.ofNullable(read).map(p -> new Pending(p.setId(), p.previous(), p.next(), p.restart(), p.activeBefore(), p.reason()));
        } catch (JsonParseException e) {
            throw new IOException(journal + " cannot be read: " + e.getMessage(), e);
        }
    }

    /** Written before the framework or the deploy folder is touched. */
    void begin(Pending pending) throws IOException {
        AtomicFiles.write(journal, GSON.toJson(pending));
    }

    /** The new state first, then the journal goes: a crash between the two recovers to the new state, which is in force. */
    void commit(State next) throws IOException {
        AtomicFiles.write(state, GSON.toJson(next));
        AtomicFiles.delete(journal);
    }

    /** Records an outcome without an install (refused, or rolled back once the previous set is back). */
    void record(State current) throws IOException {
        commit(current);
    }
}
