package org.printscout.portal.server.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.printscout.portal.server.internal.RunOutForecast.Forecast;
import org.printscout.portal.server.internal.RunOutForecast.Kind;
import org.printscout.portal.server.internal.RunOutForecast.Level;

/** Synthetic level histories with known answers. */
class RunOutForecastTest {

    private static final Instant T0 = Instant.parse("2026-10-01T08:00:00Z");

    private static Level at(double day, long level, long max) {
        return new Level(T0.plusSeconds(Math.round(day * 86_400)), level, max);
    }

    private static Instant day(double day) {
        return T0.plusSeconds(Math.round(day * 86_400));
    }

    @Test
    void aSteadyDrainRunsOutWhenTheLineReachesZero() {
        // 100 % draining 2 % a day, read daily for 20 days: 60 % left at day 20, empty at day 50
        List<Level> history = new ArrayList<>();
        for (int d = 0; d <= 20; d++) {
            history.add(at(d, 100 - 2L * d, 100));
        }
        Forecast f = RunOutForecast.of(history);
        assertEquals(Kind.RUNS_OUT, f.kind());
        assertEquals(30.0, f.daysLeft(), 1e-9);
        assertEquals(30, f.wholeDays());
        assertEquals(day(50), f.emptyAt());
        assertEquals(2.0, f.perDay(), 1e-9);
        assertEquals(day(20), f.asOf());
    }

    @Test
    void capacityInTheSuppliesOwnUnitsGivesTheSameDays() {
        // 20 000 units draining 150 a day, four readings a day for 10 days: 18 500 left, 123.3 days
        List<Level> history = new ArrayList<>();
        for (int q = 0; q <= 40; q++) {
            history.add(at(q / 4.0, 20_000 - Math.round(150 * q / 4.0), 20_000));
        }
        Forecast f = RunOutForecast.of(history);
        assertEquals(Kind.RUNS_OUT, f.kind());
        assertEquals(18_500 / 150.0, f.daysLeft(), 0.01);
        assertEquals(123, f.wholeDays());
    }

    @Test
    void noiseAroundTheLineDoesNotMoveTheForecastMuch() {
        // the same 2 %/day drain, readings jittered by up to ±3 % (rises included, below the refill threshold)
        long[] jitter = {0, 3, -2, 1, -3, 2, 3, -1, 0, -2, 2, 1, -3, 3, 0, -1, 2, -2, 1, 0, 0};
        List<Level> history = new ArrayList<>();
        for (int d = 0; d <= 20; d++) {
            history.add(at(d, 100 - 2L * d + jitter[d], 100));
        }
        Forecast f = RunOutForecast.of(history);
        assertEquals(Kind.RUNS_OUT, f.kind());
        assertEquals(30.0, f.daysLeft(), 2.0, "30 days within two: " + f);
        assertEquals(2.0, f.perDay(), 0.15);
    }

    @Test
    void aRefillStartsANewSeriesAndOnlyItCounts() {
        // the old cartridge: 60 → 10 over 10 days (5/day); a new one at day 10: 100 → 70 over 10 days (3/day)
        List<Level> history = new ArrayList<>();
        for (int d = 0; d <= 10; d++) {
            history.add(at(d, 60 - 5L * d, 100));
        }
        for (int d = 0; d <= 10; d++) {
            history.add(at(10.5 + d, 100 - 3L * d, 100));
        }
        Forecast f = RunOutForecast.of(history);
        assertEquals(Kind.RUNS_OUT, f.kind());
        assertEquals(70 / 3.0, f.daysLeft(), 1e-6);
        assertEquals(11, f.readings(), "only the new cartridge's readings");
    }

    @Test
    void justAfterARefillThereIsNotEnoughHistoryWhateverCameBefore() {
        List<Level> history = new ArrayList<>();
        for (int d = 0; d <= 20; d++) {
            history.add(at(d, 90 - 4L * d, 100));
        }
        history.add(at(20.5, 100, 100));
        history.add(at(21, 99, 100));
        Forecast f = RunOutForecast.of(history);
        assertEquals(Kind.NOT_ENOUGH_HISTORY, f.kind());
        assertEquals(-1, f.wholeDays());
        assertEquals(2, f.readings());
    }

    @Test
    void aPartialRefillAboveTheThresholdIsARefillToo() {
        // 40 → 20 (2/day), topped up to 35 (a rise of 15 % > 10 %), then 35 → 25 over 5 days (2/day)
        List<Level> history = new ArrayList<>();
        for (int d = 0; d <= 10; d++) {
            history.add(at(d, 40 - 2L * d, 100));
        }
        for (int d = 0; d <= 5; d++) {
            history.add(at(11 + d, 35 - 2L * d, 100));
        }
        Forecast f = RunOutForecast.of(history);
        assertEquals(6, f.readings());
        assertEquals(12.5, f.daysLeft(), 1e-6);
    }

    @Test
    void gapsCountByTheirRealLength() {
        // 1 %/day, read on days 0, 1, 2, then nothing until 15, 16, then 28: 72 % left at day 28
        List<Level> history = new ArrayList<>();
        for (int d : new int[] {0, 1, 2, 15, 16, 28}) {
            history.add(at(d, 100 - d, 100));
        }
        Forecast f = RunOutForecast.of(history);
        assertEquals(Kind.RUNS_OUT, f.kind());
        assertEquals(72.0, f.daysLeft(), 1e-6);
        assertEquals(day(100), f.emptyAt());
    }

    @Test
    void onlyTheLastThirtyDaysOfTheSeriesSetTheRate() {
        // slow (0.5/day) for 40 days, then fast (2/day) for the last 30: the rate is the recent one
        List<Level> history = new ArrayList<>();
        for (int d = 0; d <= 40; d++) {
            history.add(at(d, 100 - d / 2, 100));
        }
        long base = 100 - 20;
        for (int d = 1; d <= 30; d++) {
            history.add(at(40 + d, base - 2L * d, 100));
        }
        Forecast f = RunOutForecast.of(history);
        assertEquals(2.0, f.perDay(), 0.01);
        assertEquals(20 / 2.0, f.daysLeft(), 0.2);
    }

    @Test
    void theOrderOfTheReadingsDoesNotMatter() {
        List<Level> history = new ArrayList<>();
        for (int d = 0; d <= 10; d++) {
            history.add(at(d, 50 - d, 100));
        }
        Collections.reverse(history);
        assertEquals(40.0, RunOutForecast.of(history).daysLeft(), 1e-6);
    }

    @Test
    void tooFewReadingsOrTooShortASpanIsNotEnoughHistory() {
        assertEquals(Kind.NOT_ENOUGH_HISTORY, RunOutForecast.of(List.of(at(0, 80, 100))).kind());
        assertEquals(Kind.NOT_ENOUGH_HISTORY, RunOutForecast.of(List.of(at(0, 80, 100), at(5, 70, 100))).kind());
        // many readings, but all within a day
        List<Level> oneDay = new ArrayList<>();
        for (int h = 0; h < 24; h++) {
            oneDay.add(at(h / 24.0, 80 - h, 100));
        }
        assertEquals(Kind.NOT_ENOUGH_HISTORY, RunOutForecast.of(oneDay).kind());
    }

    @Test
    void aSteadyLevelIsNotDrainingAndGivesNoDate() {
        List<Level> history = new ArrayList<>();
        for (int d = 0; d <= 10; d++) {
            history.add(at(d, d % 2 == 0 ? 50 : 51, 100));
        }
        Forecast f = RunOutForecast.of(history);
        assertEquals(Kind.NOT_DRAINING, f.kind());
        assertEquals(null, f.emptyAt());
        assertEquals(-1, f.wholeDays());
    }

    @Test
    void anEmptySupplyIsEmptyNow() {
        Forecast f = RunOutForecast.of(List.of(at(0, 10, 100), at(1, 5, 100), at(2, 0, 100)));
        assertEquals(Kind.EMPTY, f.kind());
        assertEquals(0, f.wholeDays());
        assertEquals(day(2), f.emptyAt());
    }

    @Test
    void statesWithoutANumberAreLeftOutAndOnlyStatesGiveNoLevel() {
        assertEquals(Kind.NO_LEVEL, RunOutForecast.of(List.of(at(0, -3, 100), at(1, -3, -2), at(2, -2, 100))).kind());
        assertEquals(Kind.NO_LEVEL, RunOutForecast.of(List.of()).kind());
        // "some remaining" readings in between do not break the series or count as readings
        List<Level> history = new ArrayList<>();
        for (int d = 0; d <= 10; d++) {
            history.add(at(d, 50 - 2L * d, 100));
            history.add(at(d + 0.5, -3, 100));
        }
        Forecast f = RunOutForecast.of(history);
        assertEquals(Kind.RUNS_OUT, f.kind());
        assertEquals(11, f.readings());
        assertEquals(15.0, f.daysLeft(), 1e-6);
    }

    @Test
    void aNewCapacityIsANewCartridge() {
        // a 10 000-page cartridge replaced by a 3 000-page one at 2 900: only the new one counts
        List<Level> history = new ArrayList<>();
        for (int d = 0; d <= 10; d++) {
            history.add(at(d, 5_000 - 100L * d, 10_000));
        }
        for (int d = 0; d <= 4; d++) {
            history.add(at(11 + d, 2_900 - 50L * d, 3_000));
        }
        Forecast f = RunOutForecast.of(history);
        assertEquals(5, f.readings());
        assertEquals(2_700 / 50.0, f.daysLeft(), 1e-6);
        assertTrue(f.emptyAt().isAfter(day(15)));
        assertEquals(Duration.ofDays(54), Duration.between(day(15), f.emptyAt()));
    }
}
