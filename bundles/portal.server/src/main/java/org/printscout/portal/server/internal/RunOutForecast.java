package org.printscout.portal.server.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * When a supply runs out, from its level history; pure computation, no I/O. Only readings with a
 * numeric level and capacity count (the -1/-2/-3 states say nothing about a rate). The history is cut
 * into series: a rise of more than {@link #REFILL_SHARE} of the capacity from one reading to the next
 * (a refill or a new cartridge), or a change of capacity, starts a new one, so only the current
 * cartridge's readings are used; smaller rises are sensor noise and stay in the series. The rate is
 * the least-squares slope of level over time across the current series' readings of the last
 * {@link #WINDOW}, which absorbs noise and treats gaps by their real length. Fewer than
 * {@link #MIN_READINGS} readings, or readings spanning less than {@link #MIN_SPAN}, are not enough
 * history: the answer says so rather than guessing.
 */
final class RunOutForecast {

    /** A rise above this share of the capacity between two readings is a refill or a cartridge change. */
    static final double REFILL_SHARE = 0.10;
    /** The readings the rate is taken from: the current series' readings this far back from its newest. */
    static final Duration WINDOW = Duration.ofDays(30);
    static final int MIN_READINGS = 3;
    static final Duration MIN_SPAN = Duration.ofDays(2);
    /** Below this use over the window (share of the capacity) the supply is taken as not draining. */
    static final double MIN_DRAIN_SHARE = 0.01;

    private static final double SECONDS_PER_DAY = 86_400.0;

    /** One reading of a supply. */
    record Level(Instant at, long level, long max) {
        boolean numeric() {
            return level >= 0 && max > 0;
        }
    }

    enum Kind {
        /** Drains at a known rate: {@link Forecast#daysLeft()} and {@link Forecast#emptyAt()} are set. */
        RUNS_OUT,
        /** Empty at its newest reading. */
        EMPTY,
        /** Too few readings, or too short a span, since the last refill. */
        NOT_ENOUGH_HISTORY,
        /** Level steady (or rising within noise): no use seen. */
        NOT_DRAINING,
        /** No numeric level and capacity (only states such as "some remaining"). */
        NO_LEVEL
    }

    /**
     * The forecast as of the newest reading ({@code asOf}); {@code perDay} is the use in the supply's
     * own units per day, {@code readings} how many readings it rests on.
     */
    record Forecast(Kind kind, double daysLeft, Instant emptyAt, double perDay, int readings, Instant asOf) {

        static Forecast without(Kind kind, int readings, Instant asOf) {
            return new Forecast(kind, Double.NaN, null, Double.NaN, readings, asOf);
        }

        /** Whole days left, rounded down (0 when empty), or -1 when there is no forecast. */
        long wholeDays() {
            return kind == Kind.EMPTY ? 0 : kind == Kind.RUNS_OUT ? (long) Math.floor(daysLeft) : -1;
        }
    }

    private RunOutForecast() {
    }

    /** The forecast from a supply's readings (any order; non-numeric ones are left out). */
    static Forecast of(List<Level> history) {
        List<Level> numeric = new ArrayList<>();
        for (Level level : history) {
            if (level.numeric()) {
                numeric.add(level);
            }
        }
        if (numeric.isEmpty()) {
            return Forecast.without(Kind.NO_LEVEL, 0, null);
        }
        numeric.sort(Comparator.comparing(Level::at));
        List<Level> series = currentSeries(numeric);
        Level newest = series.get(series.size() - 1);
        if (newest.level() == 0) {
            return new Forecast(Kind.EMPTY, 0, newest.at(), Double.NaN, series.size(), newest.at());
        }
        Instant from = newest.at().minus(WINDOW);
        List<Level> recent = series.stream().filter(l -> !l.at().isBefore(from)).toList();
        Duration span = Duration.between(recent.get(0).at(), newest.at());
        if (recent.size() < MIN_READINGS || span.compareTo(MIN_SPAN) < 0) {
            return Forecast.without(Kind.NOT_ENOUGH_HISTORY, recent.size(), newest.at());
        }
        // least squares of level over days since the first recent reading
        double t0 = recent.get(0).at().getEpochSecond();
        double n = recent.size();
        double sumT = 0;
        double sumL = 0;
        for (Level l : recent) {
            sumT += (l.at().getEpochSecond() - t0) / SECONDS_PER_DAY;
            sumL += l.level();
        }
        double meanT = sumT / n;
        double meanL = sumL / n;
        double covariance = 0;
        double variance = 0;
        for (Level l : recent) {
            double dt = (l.at().getEpochSecond() - t0) / SECONDS_PER_DAY - meanT;
            covariance += dt * (l.level() - meanL);
            variance += dt * dt;
        }
        double slope = covariance / variance;
        double perDay = -slope;
        double spanDays = span.getSeconds() / SECONDS_PER_DAY;
        if (perDay * spanDays < MIN_DRAIN_SHARE * newest.max()) {
            return new Forecast(Kind.NOT_DRAINING, Double.NaN, null, perDay, recent.size(), newest.at());
        }
        double newestT = (newest.at().getEpochSecond() - t0) / SECONDS_PER_DAY;
        double fittedNow = Math.min(newest.max(), meanL + slope * (newestT - meanT));
        if (fittedNow <= 0) {
            return new Forecast(Kind.EMPTY, 0, newest.at(), perDay, recent.size(), newest.at());
        }
        double daysLeft = fittedNow / perDay;
        Instant emptyAt = newest.at().plusSeconds(Math.round(daysLeft * SECONDS_PER_DAY));
        return new Forecast(Kind.RUNS_OUT, daysLeft, emptyAt, perDay, recent.size(), newest.at());
    }

    /** The readings since the last refill, cartridge change or change of capacity (sorted input, not empty). */
    private static List<Level> currentSeries(List<Level> sorted) {
        int start = 0;
        for (int i = 1; i < sorted.size(); i++) {
            Level previous = sorted.get(i - 1);
            Level current = sorted.get(i);
            if (current.max() != previous.max() || current.level() - previous.level() > REFILL_SHARE * current.max()) {
                start = i;
            }
        }
        return sorted.subList(start, sorted.size());
    }
}
