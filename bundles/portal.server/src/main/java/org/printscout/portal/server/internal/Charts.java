package org.printscout.portal.server.internal;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * The device page's line charts, drawn as SVG polylines by the portal (the pages run no script): time
 * on x from the range's start to its end, the value on y. A chart holds at most one point per pixel
 * column (the last reading in it), so a year of readings every 10 minutes draws as fast as a week.
 */
final class Charts {

    /** The charts' size in pixels; the plotted area leaves 1 px all round for the stroke. */
    static final int WIDTH = 360;
    static final int HEIGHT = 80;

    private Charts() {
    }

    /**
     * The polyline's points for {@code points} (time-ordered) between {@code from} and {@code to};
     * values scaled between {@code min} and {@code max}. Empty for fewer than two points.
     */
    static String polyline(List<DeviceStore.Point> points, Instant from, Instant to, long min, long max) {
        if (points.size() < 2) {
            return "";
        }
        long t0 = from.getEpochSecond();
        long t1 = Math.max(t0 + 1, to.getEpochSecond());
        long v1 = Math.max(min + 1, max);
        StringBuilder svg = new StringBuilder();
        int lastColumn = Integer.MIN_VALUE;
        int pendingLength = -1;
        for (DeviceStore.Point point : points) {
            double x = 1 + (WIDTH - 2.0) * (Math.max(t0, Math.min(t1, point.at().getEpochSecond())) - t0) / (t1 - t0);
            double y = HEIGHT - 1 - (HEIGHT - 2.0) * (Math.max(min, Math.min(v1, point.value())) - min) / (v1 - min);
            int column = (int) Math.round(x);
            if (column == lastColumn && pendingLength >= 0) {
                svg.setLength(pendingLength); // one point per pixel column: the column's last reading
            }
            pendingLength = svg.length();
            lastColumn = column;
            svg.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
        }
        return svg.toString().strip();
    }

    /** The lowest and highest value of a series (min, max); {0, 1} when empty. */
    static long[] bounds(List<DeviceStore.Point> points) {
        if (points.isEmpty()) {
            return new long[] {0, 1};
        }
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (DeviceStore.Point point : points) {
            min = Math.min(min, point.value());
            max = Math.max(max, point.value());
        }
        return new long[] {min, Math.max(min + 1, max)};
    }
}
