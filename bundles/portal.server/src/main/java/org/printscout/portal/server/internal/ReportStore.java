package org.printscout.portal.server.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.HashSet;
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
                            + "model = ?, device_status = ?, printer_status = ?, last_seen = ? WHERE id = ? AND last_seen <= ?")) {
                        bindDevice(u, device);
                        u.setLong(9, id);
                        u.setTimestamp(10, Timestamp.from(device.readAt()));
                        u.executeUpdate();
                    }
                    return id;
                }
            }
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO device (ip, mac, serial, make, model, device_status, "
                + "printer_status, last_seen, site_id, device_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", new String[] {"id"})) {
            bindDevice(s, device);
            s.setString(9, siteId);
            s.setString(10, key);
            s.executeUpdate();
            try (ResultSet keys = s.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
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
    }
}
