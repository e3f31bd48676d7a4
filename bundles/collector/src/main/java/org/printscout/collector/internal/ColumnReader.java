package org.printscout.collector.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import org.printscout.api.snmp.Oid;
import org.printscout.api.snmp.SnmpReader;
import org.printscout.api.snmp.SnmpTarget;
import org.printscout.api.snmp.VarBind;
import org.printscout.api.snmp.WalkLimits;
import org.printscout.api.snmp.WalkResult;

/**
 * Reads table columns over SNMPv2c/v3 in few PDUs, round trips and bytes.
 *
 * <p>Two rounds of GETBULK, then walks. A repeater of a GETBULK reads several needed columns straight
 * through when nothing lies between them: columns that are neighbours (same parent, last arcs one
 * apart), and, once a device has been read, columns the previous reading showed with nothing between
 * them (the value that followed one lay at or beyond the next). So a run of columns costs one
 * overshoot, not one each, and a column known to be empty costs no request of its own.
 *
 * <p>How many rows each repeater asks for: what the last reading of the device found plus one (to see
 * the end), in parallel pieces for a column longer than a PDU. A table never read is <em>probed</em>:
 * its longest run of neighbour columns is asked for one row of each and the value after (a one-row
 * table, the most common, ends there); each column before the run for its first value only, which
 * shows whether the device implements it; the columns after it wait, as the value after the run shows
 * those before it empty. The others go on once the table's length is known, each with exactly that
 * many rows plus one. A table with one needed column is asked for its first value only, like a check
 * (most needed columns of a printer are empty). The probe goes on with {@link #UNKNOWN_SECOND_ROWS}
 * rows, or with what its run is sure to hold, if its length is still not known; a column that showed
 * one value with {@link #ROWS_AFTER_ONE}. A table's length is its longest finished
 * column. What is still going after the GETBULK rounds is walked on from its cursor (never from the
 * column start again), the columns of one table split over parallel walks when their remaining length
 * is known. So a device never read costs three round trips for tables up to about a PDU long.
 *
 * <p>Repeaters asking for similar counts share a PDU; one that would overshoot by more than
 * {@link #OVERSHOOT_WORTH_A_PDU} values goes in a PDU of its own (sent at the same time). A reply that
 * does not move a repeater forward ends that repeater (the walk's own checks then bound what follows);
 * a refused GETBULK falls back to walking its columns from their start.
 */
final class ColumnReader {

    /** Rows asked, after its first value, of a column whose table's length is not known. */
    static final int ROWS_AFTER_ONE = 4;

    /** Rows asked for in the second GETBULK of a column still going whose length is not known. */
    static final int UNKNOWN_SECOND_ROWS = 8;

    /** Values of overshoot that cost about as many bytes as the headers of one more PDU (request and reply). */
    static final int OVERSHOOT_WORTH_A_PDU = 3;

    /** Devices whose table shapes are remembered. */
    static final int REMEMBERED_DEVICES = 4096;

    private final SnmpReader reader;
    private final WalkLimits walkLimits;
    private final int maxColumnsPerRequest;
    private final TableShapes shapes;

    ColumnReader(SnmpReader reader, WalkLimits walkLimits, int maxColumnsPerRequest, TableShapes shapes) {
        this.reader = reader;
        this.walkLimits = walkLimits;
        this.maxColumnsPerRequest = maxColumnsPerRequest;
        this.shapes = shapes;
    }

    /**
     * A GETBULK repeater: walks straight through its columns (sorted; nothing expected between them)
     * from {@code start} (the first column, or an OID inside it already read), up to {@code until}
     * (inclusive: where the next piece of a long column starts) or to the end (null).
     */
    record Repeater(List<Oid> columns, Oid start, Oid until, int reps, List<Oid> checks, List<Going> riders) {

        Repeater {
            columns = List.copyOf(columns);
            checks = List.copyOf(checks);
            riders = List.copyOf(riders);
            if (columns.isEmpty() || reps < 1) {
                throw new IllegalArgumentException("a repeater needs a column and a repetition");
            }
        }

        Repeater(List<Oid> columns, Oid start, Oid until, int reps) {
            this(columns, start, until, reps, List.of(), List.of());
        }
    }

    /** What one reading of a set of columns has learnt so far; shared by its parallel parts. */
    private static final class Reading {
        final Consumer<String> problems;
        final Map<Oid, Integer> counts = new HashMap<>();
        final Map<Oid, Oid> after = new HashMap<>();
        final Map<Oid, Integer> finishedRows = new HashMap<>();
        boolean failed;

        Reading(Consumer<String> problems) {
            this.problems = problems;
        }

        synchronized void problem(String problem) {
            failed = true;
            problems.accept(problem);
        }

        synchronized boolean failed() {
            return failed;
        }

        synchronized void countOne(Oid column) {
            counts.merge(column, 1, Integer::sum);
        }

        synchronized int count(Oid column) {
            return counts.getOrDefault(column, 0);
        }

        /**
         * The column ended, and {@code next} is what the device holds after it. The table's length is
         * the longest of its finished columns: a column the device does not implement shows none.
         */
        synchronized void ended(Oid column, Oid next) {
            after.putIfAbsent(column, next);
            finishedRows.merge(parentOf(column), counts.getOrDefault(column, 0), Math::max);
        }

        /** Null while not known, or while every finished column was empty (not implemented, or the table is). */
        synchronized Integer rowsOfTable(Oid column) {
            Integer rows = finishedRows.get(parentOf(column));
            return rows == null || rows == 0 ? null : rows;
        }

        synchronized Oid after(Oid column) {
            return after.get(column);
        }
    }

    /**
     * Where a repeater stopped with its columns not finished: the rest of them, from {@code cursor};
     * {@code riders}: other columns of its table going on, waiting with it to learn the table's length.
     */
    record Going(List<Oid> columns, Oid cursor, Oid until, List<Going> riders) {

        Going {
            riders = List.copyOf(riders);
        }

        Going(List<Oid> columns, Oid cursor, Oid until) {
            this(columns, cursor, until, List.of());
        }
    }

    /**
     * Reads the columns (v2c/v3) with {@code bulkRounds} rounds of GETBULK (1 or 2) before what is still
     * going is walked: 2 for columns asked for in a reading's first round trip, 1 for those that can
     * only be asked for in its second, so both end by the third. What goes wrong is told to
     * {@code problems} and costs only its own columns.
     */
    CompletableFuture<List<VarBind>> read(SnmpTarget target, Collection<Oid> columns, int bulkRounds,
                                          Consumer<String> problems) {
        if (columns.isEmpty()) {
            return CompletableFuture.completedFuture(List.of());
        }
        List<Oid> sorted = ColumnGroups.outermost(columns);
        int budget = Math.max(1, target.maxVarbindsPerRequest());
        Reading reading = new Reading(problems);
        List<Repeater> first = plan(target, sorted, budget);
        return bulkRound(target, first, Math.max(0, bulkRounds - 1), budget, reading).thenApply(values -> {
            Map<Oid, VarBind> unique = new TreeMap<>();
            values.forEach(vb -> unique.put(vb.oid(), vb));
            List<VarBind> read = new ArrayList<>(unique.values());
            if (!reading.failed()) {
                remember(target, sorted, read, reading);
            }
            return read;
        });
    }

    /** The first round's repeaters, from what the last reading of the device showed. */
    private List<Repeater> plan(SnmpTarget target, List<Oid> sorted, int budget) {
        List<Repeater> repeaters = new ArrayList<>();
        Map<Oid, List<Oid>> unknownByTable = new LinkedHashMap<>();
        for (Oid column : sorted) {
            if (shapes.shape(target.address(), column) == null) {
                unknownByTable.computeIfAbsent(parentOf(column), t -> new ArrayList<>()).add(column);
            }
        }
        unknownByTable.values().forEach(table -> probes(table, budget, repeaters));
        int i = 0;
        while (i < sorted.size()) {
            Oid column = sorted.get(i);
            TableShapes.Shape shape = shapes.shape(target.address(), column);
            if (shape == null) {
                i++;
                continue;
            }
            if (shape.rows() + 1 > budget) {
                repeaters.addAll(pieces(column, shape, budget));
                i++;
                continue;
            }
            List<Oid> chain = new ArrayList<>(List.of(column));
            int rows = shape.rows();
            Oid after = shape.after();
            while (i + 1 < sorted.size()) {
                Oid next = sorted.get(i + 1);
                TableShapes.Shape nextShape = shapes.shape(target.address(), next);
                boolean nothingBetween = ColumnGroups.neighbours(chain.get(chain.size() - 1), next)
                        || after != null && after.compareTo(next) > 0;
                if (nextShape == null || !nothingBetween || rows + nextShape.rows() + 1 > budget) {
                    break;
                }
                chain.add(next);
                rows += nextShape.rows();
                if (nextShape.rows() > 0 || nextShape.after() != null) {
                    after = nextShape.after();
                }
                i++;
            }
            repeaters.add(new Repeater(chain, column, null, rows + 1));
            i++;
        }
        return repeaters;
    }

    /**
     * The first request for the never-read columns of one table. Their length is what sizes every
     * later request, and it is the same for all columns of a table, so only the table's longest run of
     * neighbours is asked for rows, read straight through. The columns after the run wait for its
     * answer: what follows the run shows every one of them before that to be empty, the others are
     * asked once the table's length is known. Each column before the run is asked for its first value
     * in the same PDU (a non-repeater, a <em>check</em>), as the run's answer says nothing of them: that
     * shows whether it holds anything at all (a column the device does not implement costs one value,
     * not a guessed length of overshoot), and its rest is asked once the length is known.
     */
    private static void probes(List<Oid> table, int budget, List<Repeater> repeaters) {
        List<List<Oid>> runs = ColumnGroups.adjacentRuns(table);
        List<Oid> longest = runs.get(0);
        for (List<Oid> run : runs) {
            if (run.size() > longest.size()) {
                longest = run;
            }
        }
        // one row of each column of the run and the value after it: a one-row table ends here. A table
        // whose only needed column this is has nothing waiting for its length: one value tells whether
        // the device holds anything there (most often it does not), and the rest comes next round.
        int reps = table.size() == 1 ? 1 : longest.size() + 1;
        // columns after the run wait for its answer: what follows the run shows those before it empty
        List<Going> waiting = new ArrayList<>();
        List<Oid> before = new ArrayList<>();
        for (Oid column : table) {
            if (column.compareTo(longest.get(longest.size() - 1)) > 0 && !longest.contains(column)) {
                waiting.add(new Going(List.of(column), column, null));
            } else if (!longest.contains(column)) {
                before.add(column);
            }
        }
        // the checks share the probe's PDU; those that do not fit probe on their own
        int room = Math.max(0, Math.min(before.size(), budget - reps));
        repeaters.add(new Repeater(longest, longest.get(0), null, reps, before.subList(0, room), waiting));
        if (room < before.size()) {
            probes(before.subList(room, before.size()), budget, repeaters);
        }
    }

    /**
     * A column longer than one PDU, as parallel pieces that start after remembered OIDs of it: all of
     * it arrives in one round trip.
     */
    private static List<Repeater> pieces(Oid column, TableShapes.Shape shape, int budget) {
        int marksPerPiece = (budget - 1) / TableShapes.MARK_EVERY;
        if (marksPerPiece < 1 || shape.marks().isEmpty()) {
            return List.of(new Repeater(List.of(column), column, null, budget));
        }
        List<Repeater> pieces = new ArrayList<>();
        Oid start = column;
        int consumed = 0;
        for (int m = marksPerPiece - 1; m < shape.marks().size(); m += marksPerPiece) {
            int reps = (m + 1) * TableShapes.MARK_EVERY - consumed;
            pieces.add(new Repeater(List.of(column), start, shape.marks().get(m), reps));
            start = shape.marks().get(m);
            consumed += reps;
        }
        pieces.add(new Repeater(List.of(column), start, null, Math.max(1, Math.min(budget, shape.rows() - consumed + 1))));
        return pieces;
    }

    /**
     * One GETBULK: repeaters asking for one row go as non-repeaters (no overshoot, no PDU of their
     * own), the others share {@code reps}.
     */
    private record Pdu(List<Repeater> single, List<Repeater> repeated, int reps) {
    }

    /**
     * Sends the repeaters in as few GETBULKs as overshoot allows, all at once, and goes on with what
     * they did not finish: {@code moreRounds} more GETBULK rounds, then walks.
     */
    private CompletableFuture<List<VarBind>> bulkRound(SnmpTarget target, List<Repeater> repeaters, int moreRounds,
                                                       int budget, Reading reading) {
        List<Repeater> sorted = new ArrayList<>(repeaters);
        sorted.sort(Comparator.comparingInt(Repeater::reps).thenComparing(Repeater::start));
        List<Repeater> single = new ArrayList<>();
        List<Pdu> pdus = new ArrayList<>();
        List<Repeater> chunk = new ArrayList<>();
        int chunkReps = 0;
        int overshoot = 0;
        for (Repeater repeater : sorted) {
            int reps = Math.min(budget, repeater.reps());
            if (reps == 1) {
                single.add(repeater);
                continue;
            }
            // One PDU's repetitions are the most any of its repeaters asks for: the others overshoot by
            // the difference, which is worth a PDU of its own once it passes what a PDU's headers cost.
            // a probe's checks ride in its PDU as non-repeaters (probes() left room for them)
            int more = chunk.size() * Math.max(0, reps - chunkReps);
            if (!chunk.isEmpty() && (checks(chunk) + repeater.checks().size()
                    + (long) (chunk.size() + 1) * Math.max(chunkReps, reps) > budget
                    || overshoot + more > OVERSHOOT_WORTH_A_PDU)) {
                pdus.add(new Pdu(new ArrayList<>(), List.copyOf(chunk), chunkReps));
                chunk.clear();
                chunkReps = 0;
                overshoot = 0;
                more = 0;
            }
            overshoot += more;
            chunk.add(repeater);
            chunkReps = Math.max(chunkReps, reps);
        }
        if (!chunk.isEmpty()) {
            pdus.add(new Pdu(new ArrayList<>(), List.copyOf(chunk), chunkReps));
        }
        for (Pdu pdu : pdus) {
            int room = budget - checks(pdu.repeated()) - pdu.repeated().size() * pdu.reps();
            while (room-- > 0 && !single.isEmpty()) {
                pdu.single().add(single.remove(0));
            }
        }
        for (int from = 0; from < single.size(); from += budget) {
            pdus.add(new Pdu(List.copyOf(single.subList(from, Math.min(single.size(), from + budget))), List.of(), 1));
        }
        List<CompletableFuture<List<VarBind>>> parts = new ArrayList<>();
        for (Pdu pdu : pdus) {
            parts.add(bulk(target, new Pdu(List.copyOf(pdu.single()), pdu.repeated(), pdu.reps()), moreRounds, budget, reading));
        }
        return joinAll(parts);
    }

    private static int checks(List<Repeater> repeaters) {
        return repeaters.stream().mapToInt(r -> r.checks().size()).sum();
    }

    private CompletableFuture<List<VarBind>> bulk(SnmpTarget target, Pdu pdu, int moreRounds, int budget,
                                                  Reading reading) {
        List<Oid> starts = new ArrayList<>();
        pdu.single().forEach(r -> starts.add(r.start()));
        pdu.repeated().forEach(r -> starts.addAll(r.checks()));
        pdu.repeated().forEach(r -> starts.add(r.start()));
        int nonRepeaters = pdu.repeated().isEmpty() ? 0 : pdu.single().size() + checks(pdu.repeated());
        return reader.getBulk(target, nonRepeaters, pdu.reps(), starts).toCompletableFuture()
                .thenCompose(reply -> goOn(target, pdu, nonRepeaters, reply, moreRounds, budget, reading))
                .exceptionally(failure -> null)
                .thenCompose(values -> {
                    if (values != null) {
                        return CompletableFuture.completedFuture(values);
                    }
                    // the agent refused the GETBULK: walk its columns from their start
                    List<Oid> all = new ArrayList<>();
                    pdu.single().forEach(r -> {
                        all.addAll(r.columns());
                        r.riders().forEach(g -> all.addAll(g.columns()));
                    });
                    pdu.repeated().forEach(r -> {
                        all.addAll(r.columns());
                        all.addAll(r.checks());
                        r.riders().forEach(g -> all.addAll(g.columns()));
                    });
                    return walk(target, ColumnGroups.byTable(all.stream().distinct().toList(), maxColumnsPerRequest).stream()
                            .map(group -> new Going(group, null, null)).toList(), budget, reading);
                });
    }

    /** Keeps what a GETBULK gave each repeater and goes on with what it did not finish. */
    private CompletableFuture<List<VarBind>> goOn(SnmpTarget target, Pdu pdu, int nonRepeaters, List<VarBind> reply,
                                                  int moreRounds, int budget, Reading reading) {
        List<VarBind> kept = new ArrayList<>();
        List<Going> going = new ArrayList<>();
        // the reply: single repeaters' values, then the checks, then the repetitions
        for (int r = 0; r < pdu.single().size(); r++) {
            Repeater single = pdu.single().get(r);
            int before = going.size();
            follow(single, r < reply.size() ? List.of(reply.get(r)) : List.of(), kept, going, reading);
            // a probe going on that another PDU's answer has sized to one row still carries its riders
            release(new ArrayList<>(single.riders()), lastColumn(single), going, before, reading);
        }
        int check = pdu.single().size();
        int repeated = pdu.repeated().size();
        for (int r = 0; r < repeated; r++) {
            Repeater repeater = pdu.repeated().get(r);
            List<VarBind> answers = new ArrayList<>();
            for (int i = nonRepeaters + r; i < reply.size(); i += repeated) {
                answers.add(reply.get(i));
            }
            int before = going.size();
            follow(repeater, answers, kept, going, reading);
            List<Going> riders = new ArrayList<>(repeater.riders());
            for (Oid column : repeater.checks()) {
                checked(column, check < reply.size() ? reply.get(check) : null, kept, riders, reading);
                check++;
            }
            release(riders, lastColumn(repeater), going, before, reading);
        }
        if (going.isEmpty()) {
            return CompletableFuture.completedFuture(kept);
        }
        CompletableFuture<List<VarBind>> rest;
        if (moreRounds > 0) {
            List<Repeater> second = new ArrayList<>();
            for (Going g : going) {
                second.add(new Repeater(g.columns(), g.cursor(), g.until(), remaining(g, reading, unknownRows(g, reading)),
                        List.of(), g.riders()));
            }
            rest = bulkRound(target, second, moreRounds - 1, budget, reading);
        } else {
            List<Going> walked = new ArrayList<>();
            for (Going g : going) {
                walked.add(new Going(g.columns(), g.cursor(), g.until()));
                walked.addAll(g.riders());
            }
            rest = walk(target, walked, budget, reading);
        }
        return rest.thenApply(more -> {
            List<VarBind> both = new ArrayList<>(kept);
            both.addAll(more);
            return both;
        });
    }

    /**
     * Follows one repeater through its answers: values move through its columns in order; one outside
     * them ends it, and columns it passed are done; a value that does not move forward ends it too.
     */
    private static void follow(Repeater repeater, List<VarBind> answers, List<VarBind> kept, List<Going> going,
                               Reading reading) {
        List<Oid> columns = repeater.columns();
        int at = 0;
        Oid last = repeater.start();
        for (VarBind vb : answers) {
            if (vb.value().type().isException()) {
                for (int c = at; c < columns.size(); c++) {
                    reading.ended(columns.get(c), TableShapes.END_OF_VIEW);
                }
                return;
            }
            if (vb.oid().compareTo(last) <= 0) {
                // as a walk does: the device went backwards, what it gave before is kept
                reading.problem("read of " + columns + " cut short: answered " + vb.oid() + " after " + last);
                return;
            }
            int in = -1;
            for (int c = at; c < columns.size() && in < 0; c++) {
                if (vb.oid().startsWith(columns.get(c))) {
                    in = c;
                }
            }
            if (in < 0) {
                List<Oid> notReached = new ArrayList<>();
                for (int c = at; c < columns.size(); c++) {
                    if (vb.oid().compareTo(columns.get(c)) > 0) {
                        reading.ended(columns.get(c), vb.oid());
                    } else {
                        notReached.add(columns.get(c));
                    }
                }
                // something lay between the columns: those after it start from their beginning
                for (List<Oid> run : ColumnGroups.adjacentRuns(notReached)) {
                    going.add(new Going(run, run.get(0), null));
                }
                return;
            }
            for (int c = at; c < in; c++) {
                reading.ended(columns.get(c), vb.oid());
            }
            at = in;
            last = vb.oid();
            kept.add(vb);
            reading.countOne(columns.get(at));
            if (repeater.until() != null && vb.oid().compareTo(repeater.until()) >= 0) {
                return;
            }
        }
        going.add(new Going(columns.subList(at, columns.size()), last, repeater.until()));
    }

    /**
     * The answer to a probe's check of one of its table's other columns: its first value, which
     * starts it going, or what lies beyond it, which ends it empty.
     */
    private static void checked(Oid column, VarBind answer, List<VarBind> kept, List<Going> riders, Reading reading) {
        if (answer == null) {
            riders.add(new Going(List.of(column), column, null));
        } else if (answer.value().type().isException()) {
            reading.ended(column, TableShapes.END_OF_VIEW);
        } else if (answer.oid().compareTo(column) <= 0) {
            reading.problem("read of " + List.of(column) + " cut short: answered " + answer.oid() + " after " + column);
        } else if (!answer.oid().startsWith(column)) {
            reading.ended(column, answer.oid());
        } else {
            kept.add(answer);
            reading.countOne(column);
            riders.add(new Going(List.of(column), answer.oid(), null));
        }
    }

    private static Oid lastColumn(Repeater repeater) {
        return repeater.columns().get(repeater.columns().size() - 1);
    }

    /**
     * The other columns of a probe's table go on once the table's length is known, each with that many
     * rows plus one; while it is not, they wait with the probe going on (asked with it in the next
     * round, they would have to guess), and are walked with it when no GETBULK round is left. One not
     * yet read that lies between the probe's end and what the device holds after it is empty.
     */
    private static void release(List<Going> all, Oid probeEnd, List<Going> going, int added, Reading reading) {
        Oid after = reading.after(probeEnd);
        List<Going> riders = new ArrayList<>();
        for (Going rider : all) {
            Oid column = rider.columns().get(0);
            boolean unread = rider.cursor().equals(column) && rider.columns().size() == 1;
            if (unread && after != null && column.compareTo(probeEnd) > 0 && after.compareTo(column) > 0 && !after.startsWith(column)) {
                // nothing lies between the probe's end and what follows it: this column is empty
                reading.ended(column, after);
            } else {
                riders.add(rider);
            }
        }
        if (riders.isEmpty()) {
            return;
        }
        if (reading.rowsOfTable(riders.get(0).columns().get(0)) == null && going.size() > added) {
            Going probe = going.remove(going.size() - 1);
            List<Going> still = new ArrayList<>(probe.riders());
            still.addAll(riders);
            going.add(new Going(probe.columns(), probe.cursor(), probe.until(), still));
            return;
        }
        going.addAll(riders);
    }

    /**
     * Rows to ask for a repeater going on whose table's length is not known: at least
     * {@link #UNKNOWN_SECOND_ROWS}, and as many as its columns are sure to hold when they are as long as
     * the one it is in has shown so far (a run read straight through wastes nothing on them).
     */
    private static int unknownRows(Going g, Reading reading) {
        int seen = reading.count(g.columns().get(0));
        if (seen < 2) {
            // a column that showed one value (a checked one, or a table's only column) and no length
            return ROWS_AFTER_ONE * g.columns().size();
        }
        long sure = (long) seen * g.columns().size();
        return (int) Math.min(Integer.MAX_VALUE, Math.max(UNKNOWN_SECOND_ROWS, sure));
    }

    /** Rows still to come for a repeater going on, plus one to see the end; {@code unknown} when not known. */
    private int remaining(Going g, Reading reading, int unknown) {
        int rows = 0;
        for (int c = 0; c < g.columns().size(); c++) {
            Oid column = g.columns().get(c);
            Integer expected = reading.rowsOfTable(column);
            if (expected == null) {
                return unknown;
            }
            int left = c == 0 ? expected - reading.count(column) : expected;
            if (left < 0) {
                return unknown;
            }
            rows += left;
        }
        return Math.max(1, rows + 1);
    }

    /** Walks on, from their cursors, the columns still going: per table, and in parallel where that pays. */
    private CompletableFuture<List<VarBind>> walk(SnmpTarget target, List<Going> going, int budget, Reading reading) {
        Map<Oid, Oid> cursors = new TreeMap<>();
        for (Going g : going) {
            for (int c = 0; c < g.columns().size(); c++) {
                Oid column = g.columns().get(c);
                Oid at = c == 0 && g.cursor() != null ? g.cursor() : column;
                // pieces of one long column that fell short go on from the earliest cursor
                cursors.merge(column, at, (a, b) -> a.compareTo(b) <= 0 ? a : b);
            }
        }
        List<CompletableFuture<List<VarBind>>> walks = new ArrayList<>();
        for (List<Oid> table : ColumnGroups.byTable(cursors.keySet(), maxColumnsPerRequest)) {
            int most = 0;
            for (Oid column : table) {
                int left = remaining(new Going(List.of(column), cursors.get(column), null), reading, -1);
                most = left < 0 ? -1 : Math.max(most, left);
                if (most < 0) {
                    break;
                }
            }
            // a known remainder: as many columns per walk as fit one PDU, all walks at once
            int perWalk = most > 0 ? Math.max(1, budget / most) : table.size();
            int reps = most > 0 ? Math.min(budget, most) : Math.max(target.maxRepetitions(), budget);
            SnmpTarget sized = new SnmpTarget(target.address(), target.credential(), target.timeout(), target.retries(),
                    target.maxVarbindsPerRequest(), reps);
            for (int from = 0; from < table.size(); from += perWalk) {
                List<Oid> part = table.subList(from, Math.min(table.size(), from + perWalk));
                walks.add(walkFrom(sized, part, part.stream().map(cursors::get).toList(), reading));
            }
        }
        return joinAll(walks);
    }

    private CompletableFuture<List<VarBind>> walkFrom(SnmpTarget target, List<Oid> columns, List<Oid> after,
                                                      Reading reading) {
        return reader.walkFrom(target, columns, after, walkLimits).toCompletableFuture()
                .handle((WalkResult result, Throwable failure) -> {
                    if (failure != null) {
                        reading.problem("could not read " + columns + ": " + Collector.message(failure));
                        return List.<VarBind>of();
                    }
                    if (!result.complete()) {
                        reading.problem("read of " + columns + " cut short: " + result.stop().getMessage());
                    }
                    return result.values();
                });
    }

    private void remember(SnmpTarget target, List<Oid> columns, List<VarBind> values, Reading reading) {
        Map<Oid, List<Oid>> rows = new TreeMap<>();
        for (Oid column : columns) {
            rows.put(column, new ArrayList<>());
        }
        for (VarBind vb : values) {
            Oid column = ((TreeMap<Oid, List<Oid>>) rows).floorKey(vb.oid());
            if (column != null && vb.oid().startsWith(column)) {
                rows.get(column).add(vb.oid());
            }
        }
        Map<Oid, TableShapes.Shape> seen = new HashMap<>();
        rows.forEach((column, oids) -> {
            oids.sort(null);
            List<Oid> marks = new ArrayList<>();
            for (int i = TableShapes.MARK_EVERY; i <= oids.size(); i += TableShapes.MARK_EVERY) {
                marks.add(oids.get(i - 1));
            }
            seen.put(column, new TableShapes.Shape(oids.size(), marks, reading.after(column)));
        });
        shapes.remember(target.address(), seen);
    }

    static Oid parentOf(Oid column) {
        return column.size() > 1 ? Oid.of(java.util.Arrays.copyOf(column.toArray(), column.size() - 1)) : column;
    }

    static CompletableFuture<List<VarBind>> joinAll(List<CompletableFuture<List<VarBind>>> parts) {
        return CompletableFuture.allOf(parts.toArray(new CompletableFuture<?>[0])).thenApply(done -> {
            List<VarBind> all = new ArrayList<>();
            parts.forEach(p -> all.addAll(p.join()));
            return all;
        });
    }
}
