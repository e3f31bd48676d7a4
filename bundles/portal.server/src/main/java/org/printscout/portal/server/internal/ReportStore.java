package org.printscout.portal.server.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import javax.sql.DataSource;

import org.printscout.portal.server.internal.TenancyStore.AgentRef;

/**
 * Report ingestion: a parsed report stored once, with its devices (matched by key within the site)
 * and their meter and supply readings.
 */
final class ReportStore {

    enum StoreOutcome {
        STORED, DUPLICATE, FOREIGN_ID
    }

    private final DataSource dataSource;
    private final Clock clock;

    ReportStore(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    private Timestamp now() {
        return Timestamp.from(clock.instant());
    }

    /**
     * Stores a report once. A second upload of the same id by the same agent is a duplicate (counted
     * once); an id another agent already used is refused without saying whose it is.
     */
    StoreOutcome storeReport(AgentRef agent, ReportParser.Report report) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement s = c.prepareStatement(
                        "INSERT INTO report (id, agent_id, kind, finished, received, devices) VALUES (?, ?, ?, ?, ?, ?)")) {
                    s.setString(1, report.id());
                    s.setString(2, agent.agentId());
                    s.setString(3, report.kind());
                    s.setTimestamp(4, Timestamp.from(report.finished()));
                    s.setTimestamp(5, now());
                    s.setInt(6, report.devices().size());
                    s.executeUpdate();
                } catch (SQLException e) {
                    c.rollback();
                    if (Sql.UNIQUE_VIOLATION.equals(e.getSQLState())) {
                        return owner(report.id()).filter(agent.agentId()::equals).isPresent()
                                ? StoreOutcome.DUPLICATE : StoreOutcome.FOREIGN_ID;
                    }
                    throw e;
                }
                // the readings go in two batches: on PostgreSQL one round trip each instead of one per row
                try (PreparedStatement meters = c.prepareStatement("INSERT INTO meter_reading "
                        + "(device_id, report_id, read_at, name, unit, reading) VALUES (?, ?, ?, ?, ?, ?)");
                     PreparedStatement supplies = c.prepareStatement("INSERT INTO supply_reading (device_id, report_id, idx, "
                             + "description, supply_type, colorant, level_value, max_value) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                    Set<Long> stored = new HashSet<>();
                    for (ReportParser.Device device : report.devices()) {
                        long deviceId = upsertDevice(c, agent.siteId(), device);
                        if (!stored.add(deviceId)) {
                            // the same device twice in one report (e.g. an agent whose sites overlap):
                            // its first reading counts, as a second would violate the readings' keys
                            continue;
                        }
                        Set<String> meterNames = new HashSet<>();
                        for (ReportParser.Meter meter : device.meters()) {
                            if (meterNames.add(meter.name())) {
                                meters.setLong(1, deviceId);
                                meters.setString(2, report.id());
                                meters.setTimestamp(3, Timestamp.from(device.readAt()));
                                meters.setString(4, meter.name());
                                meters.setString(5, meter.unit());
                                meters.setLong(6, meter.value());
                                meters.addBatch();
                            }
                        }
                        Set<Integer> supplyIndexes = new HashSet<>();
                        for (ReportParser.Supply supply : device.supplies()) {
                            if (supplyIndexes.add(supply.index())) {
                                supplies.setLong(1, deviceId);
                                supplies.setString(2, report.id());
                                supplies.setInt(3, supply.index());
                                supplies.setString(4, Sql.cut(supply.description(), 200));
                                supplies.setString(5, Sql.cut(supply.type(), 64));
                                supplies.setString(6, Sql.cut(supply.colorant(), 64));
                                supplies.setLong(7, supply.level());
                                supplies.setLong(8, supply.max());
                                supplies.addBatch();
                            }
                        }
                    }
                    meters.executeBatch();
                    supplies.executeBatch();
                }
                c.commit();
                return StoreOutcome.STORED;
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private Optional<String> owner(String reportId) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT agent_id FROM report WHERE id = ?")) {
            s.setString(1, reportId);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(r.getString(1)) : Optional.empty();
            }
        }
    }

    private long upsertDevice(Connection c, String siteId, ReportParser.Device device) throws SQLException {
        String key = Sql.cut(device.key(), 200);
        try (PreparedStatement s = c.prepareStatement("SELECT id FROM device WHERE site_id = ? AND device_key = ?")) {
            s.setString(1, siteId);
            s.setString(2, key);
            try (ResultSet r = s.executeQuery()) {
                if (r.next()) {
                    long id = r.getLong(1);
                    try (PreparedStatement u = c.prepareStatement("UPDATE device SET ip = ?, mac = ?, serial = ?, make = ?, "
                            + "model = ?, device_status = ?, printer_status = ?, last_seen = ?, firmware = ?, conditions = ?, printer_alerts = ?, "
                            + "min_supply_percent = ?, errors = ? WHERE id = ? AND last_seen <= ?")) {
                        bindDevice(u, device);
                        u.setLong(14, id);
                        u.setTimestamp(15, Timestamp.from(device.readAt()));
                        u.executeUpdate();
                    }
                    try (PreparedStatement u = c.prepareStatement("UPDATE device SET first_seen = ? WHERE id = ? AND (first_seen IS NULL OR first_seen > ?)")) {
                        u.setTimestamp(1, Timestamp.from(device.readAt()));
                        u.setLong(2, id);
                        u.setTimestamp(3, Timestamp.from(device.readAt()));
                        u.executeUpdate();
                    }
                    recordAddress(c, id, device);
                    return id;
                }
            }
        }
        long id;
        try (PreparedStatement s = c.prepareStatement("INSERT INTO device (ip, mac, serial, make, model, device_status, "
                + "printer_status, last_seen, firmware, conditions, printer_alerts, min_supply_percent, errors, site_id, device_key, first_seen) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", new String[] {"id"})) {
            bindDevice(s, device);
            s.setString(14, siteId);
            s.setString(15, key);
            s.setTimestamp(16, Timestamp.from(device.readAt()));
            s.executeUpdate();
            try (ResultSet keys = s.getGeneratedKeys()) {
                keys.next();
                id = keys.getLong(1);
            }
        }
        recordAddress(c, id, device);
        return id;
    }

    /** The device's address history: each address with the first and last reading that saw the device there. */
    private static void recordAddress(Connection c, long deviceId, ReportParser.Device device) throws SQLException {
        String ip = Sql.cut(device.ip(), 64);
        if (ip == null || ip.isBlank()) {
            return;
        }
        Timestamp at = Timestamp.from(device.readAt());
        try (PreparedStatement s = c.prepareStatement("SELECT first_seen, last_seen FROM device_address WHERE device_id = ? AND ip = ?")) {
            s.setLong(1, deviceId);
            s.setString(2, ip);
            try (ResultSet r = s.executeQuery()) {
                if (r.next()) {
                    if (r.getTimestamp(1).after(at) || r.getTimestamp(2).before(at)) {
                        try (PreparedStatement u = c.prepareStatement(
                                "UPDATE device_address SET first_seen = ?, last_seen = ? WHERE device_id = ? AND ip = ?")) {
                            u.setTimestamp(1, r.getTimestamp(1).after(at) ? at : r.getTimestamp(1));
                            u.setTimestamp(2, r.getTimestamp(2).before(at) ? at : r.getTimestamp(2));
                            u.setLong(3, deviceId);
                            u.setString(4, ip);
                            u.executeUpdate();
                        }
                    }
                    return;
                }
            }
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO device_address (device_id, ip, first_seen, last_seen) VALUES (?, ?, ?, ?)")) {
            s.setLong(1, deviceId);
            s.setString(2, ip);
            s.setTimestamp(3, at);
            s.setTimestamp(4, at);
            s.executeUpdate();
        }
    }

    private static void bindDevice(PreparedStatement s, ReportParser.Device device) throws SQLException {
        s.setString(1, Sql.cut(device.ip(), 64));
        s.setString(2, Sql.cut(device.mac(), 64));
        s.setString(3, Sql.cut(device.serial(), 200));
        s.setString(4, Sql.cut(device.make(), 200));
        s.setString(5, Sql.cut(device.model(), 200));
        s.setString(6, Sql.cut(device.deviceStatus(), 32));
        s.setString(7, Sql.cut(device.printerStatus(), 32));
        s.setTimestamp(8, Timestamp.from(device.readAt()));
        s.setString(9, Sql.cut(device.firmware(), 200));
        s.setString(10, Sql.cut(String.join(" ", device.conditions() == null ? java.util.List.of() : device.conditions()), 2000));
        StringBuilder alerts = new StringBuilder();
        for (ReportParser.PrinterAlert alert : device.alerts() == null ? java.util.List.<ReportParser.PrinterAlert>of() : device.alerts()) {
            alerts.append(alerts.length() == 0 ? "" : "\n").append(oneLine(alert.severity())).append('\t').append(oneLine(alert.code())).append('\t')
                    .append(oneLine(alert.text()));
        }
        s.setString(11, Sql.cut(alerts.toString(), 8000));
        Integer lowest = null;
        for (ReportParser.Supply supply : device.supplies()) {
            if (supply.level() >= 0 && supply.max() > 0) {
                int percent = (int) Math.min(100, 100 * supply.level() / supply.max());
                lowest = lowest == null ? percent : Math.min(lowest, percent);
            }
        }
        if (lowest == null) {
            s.setNull(12, java.sql.Types.INTEGER);
        } else {
            s.setInt(12, lowest);
        }
        List<String> errors = DeviceStore.errors(Sql.cut(device.deviceStatus(), 32), device.conditions(), device.alerts());
        s.setString(13, errors.isEmpty() ? null : Sql.cut(String.join(" ", errors), 2000));
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.replace('\n', ' ').replace('\r', ' ').replace('\t', ' ');
    }
}
