package org.printscout.portal.server.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

import javax.sql.DataSource;

import org.printscout.portal.server.internal.UserStore.User;

/**
 * The billing meter export, read only: for a period {@code [from, to)} and every device a user (or
 * an API token) may see, each billing meter's value at the period's start and end and the usage
 * between. A boundary value is exact when the device was read at that instant; otherwise it is
 * estimated from the nearest readings: interpolated linearly between the last reading before and the
 * first after, or, with readings on one side only, that side's nearest reading (with its date). A
 * meter whose end value is below its start value, or that went down between two readings in the
 * period, is flagged {@code backwards}; its usage is never negative (end − start, or 0).
 *
 * <p>Two statements whatever the fleet's size: one gives, per device and meter, the four neighbouring
 * readings of the two boundaries (index probes on {@code (device_id, name, read_at)}, V7), the other
 * the meters that went down within the period (a window over the period's readings).
 */
final class MeterExport {

    /** The normalised meters ({@code docs/meters.md}) a dealer bills on, in the export's order. */
    static final List<String> BILLING_METERS = List.of("total", "mono", "color", "print", "print.mono", "print.color", "copy", "copy.mono",
            "copy.color", "scan", "fax");

    /** A meter's value at a boundary: {@code at} is the reading's date, or the boundary itself when interpolated. */
    record Boundary(Instant at, long value, boolean estimated) {
    }

    record MeterUsage(String name, Boundary start, Boundary end, long usage, boolean backwards) {
    }

    record DeviceUsage(long deviceId, String customerId, String customerName, String siteId, String siteName, String serial, String make,
                       String model, String ip, List<MeterUsage> meters) {
    }

    record Export(Instant from, Instant to, List<DeviceUsage> devices) {
    }

    /** The last reading at or before an instant, or the first at or after it, of one device's meter. */
    private static String neighbour(String comparison, String order, String column) {
        return "(SELECT m." + column + " FROM meter_reading m WHERE m.device_id = device.id AND m.name = n.name AND m.read_at " + comparison
                + " ? ORDER BY m.read_at " + order + ", m.report_id " + order + " FETCH FIRST 1 ROWS ONLY)";
    }

    private static final String NAMES;
    private static final String NAME_LIST;

    static {
        StringJoiner values = new StringJoiner(", ", "(VALUES ", ") AS n(name)");
        StringJoiner list = new StringJoiner(", ", "(", ")");
        for (int i = 0; i < BILLING_METERS.size(); i++) {
            values.add("(CAST(? AS VARCHAR(100)))");
            list.add("?");
        }
        NAMES = values.toString();
        NAME_LIST = list.toString();
    }

    private static final String BOUNDARIES = "SELECT device.id, customer.id, customer.name, site.id, site.name, device.serial, device.make, "
            + "device.model, device.ip, n.name, "
            + neighbour("<=", "DESC", "read_at") + ", " + neighbour("<=", "DESC", "reading") + ", "
            + neighbour(">=", "ASC", "read_at") + ", " + neighbour(">=", "ASC", "reading") + ", "
            + neighbour("<=", "DESC", "read_at") + ", " + neighbour("<=", "DESC", "reading") + ", "
            + neighbour(">=", "ASC", "read_at") + ", " + neighbour(">=", "ASC", "reading") + " "
            + "FROM device JOIN site ON device.site_id = site.id JOIN customer ON site.customer_id = customer.id CROSS JOIN " + NAMES
            + " WHERE" + UserStore.SCOPE + "ORDER BY customer.name, customer.id, site.name, site.id, device.serial, device.id";

    private static final String WENT_DOWN = "SELECT DISTINCT device_id, name FROM (SELECT m.device_id, m.name, m.reading, "
            + "LAG(m.reading) OVER (PARTITION BY m.device_id, m.name ORDER BY m.read_at, m.report_id) AS previous "
            + "FROM meter_reading m JOIN device ON m.device_id = device.id JOIN site ON device.site_id = site.id "
            + "JOIN customer ON site.customer_id = customer.id WHERE" + UserStore.SCOPE + "AND m.name IN " + NAME_LIST
            + " AND m.read_at >= ? AND m.read_at <= ?) readings WHERE reading < previous";

    private final DataSource dataSource;

    MeterExport(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The export of {@code [from, to)} for what {@code user} may see; devices first read after {@code to} are left out. */
    Export export(User user, Instant from, Instant to) throws SQLException {
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("the period must end after it starts");
        }
        Map<Long, DeviceUsage> devices = new LinkedHashMap<>();
        Set<String> wentDown = new HashSet<>();
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement s = c.prepareStatement(WENT_DOWN)) {
                int i = 1;
                UserStore.bindScope(s, i, user);
                i += 3;
                for (String name : BILLING_METERS) {
                    s.setString(i++, name);
                }
                s.setTimestamp(i++, Timestamp.from(from));
                s.setTimestamp(i, Timestamp.from(to));
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        wentDown.add(r.getLong(1) + "/" + r.getString(2));
                    }
                }
            }
            try (PreparedStatement s = c.prepareStatement(BOUNDARIES)) {
                int i = 1;
                for (Instant at : new Instant[] {from, from, from, from, to, to, to, to}) {
                    s.setTimestamp(i++, Timestamp.from(at));
                }
                for (String name : BILLING_METERS) {
                    s.setString(i++, name);
                }
                UserStore.bindScope(s, i, user);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        long deviceId = r.getLong(1);
                        String name = r.getString(10);
                        Boundary start = boundary(from, r, 11);
                        Boundary end = boundary(to, r, 15);
                        if (start == null || r.getTimestamp(15) == null) {
                            continue; // no reading of this meter, or none until after the period
                        }
                        boolean backwards = end.value() < start.value() || wentDown.contains(deviceId + "/" + name);
                        MeterUsage usage = new MeterUsage(name, start, end, Math.max(0, end.value() - start.value()), backwards);
                        devices.computeIfAbsent(deviceId, id -> {
                            try {
                                return new DeviceUsage(id, r.getString(2), r.getString(3), r.getString(4), r.getString(5), r.getString(6),
                                        r.getString(7), r.getString(8), r.getString(9), new ArrayList<>());
                            } catch (SQLException e) {
                                throw new IllegalStateException(e);
                            }
                        }).meters().add(usage);
                    }
                }
            }
        }
        List<DeviceUsage> out = new ArrayList<>();
        for (DeviceUsage device : devices.values()) {
            List<MeterUsage> ordered = new ArrayList<>(device.meters());
            ordered.sort(java.util.Comparator.comparingInt(m -> BILLING_METERS.indexOf(m.name())));
            out.add(new DeviceUsage(device.deviceId(), device.customerId(), device.customerName(), device.siteId(), device.siteName(),
                    device.serial(), device.make(), device.model(), device.ip(), List.copyOf(ordered)));
        }
        return new Export(from, to, List.copyOf(out));
    }

    /** The value at {@code at} from the columns before-at, before-value, after-at, after-value starting at {@code column}; null without any. */
    private static Boundary boundary(Instant at, ResultSet r, int column) throws SQLException {
        Timestamp beforeAt = r.getTimestamp(column);
        long before = r.getLong(column + 1);
        Timestamp afterAt = r.getTimestamp(column + 2);
        long after = r.getLong(column + 3);
        return estimate(at, beforeAt == null ? null : beforeAt.toInstant(), before, afterAt == null ? null : afterAt.toInstant(), after);
    }

    /** The rule of the class comment, on its own for the unit test. */
    static Boundary estimate(Instant at, Instant beforeAt, long before, Instant afterAt, long after) {
        if (beforeAt != null && beforeAt.equals(at)) {
            return new Boundary(at, before, false);
        }
        if (afterAt != null && afterAt.equals(at)) {
            return new Boundary(at, after, false);
        }
        if (beforeAt != null && afterAt != null) {
            if (after < before) {
                return new Boundary(beforeAt, before, true); // went down across the boundary: no line to follow
            }
            double share = (double) (at.getEpochSecond() - beforeAt.getEpochSecond()) / (afterAt.getEpochSecond() - beforeAt.getEpochSecond());
            return new Boundary(at, before + Math.round((after - before) * share), true);
        }
        if (beforeAt != null) {
            return new Boundary(beforeAt, before, true);
        }
        if (afterAt != null) {
            return new Boundary(afterAt, after, true);
        }
        return null;
    }
}
