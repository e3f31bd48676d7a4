-- History with bounded growth (issue 17 item 2). The retention thins readings in place: after rawDays a
-- day keeps, per device and meter, its last reading and, per device and supply, its last and its lowest;
-- after dailyDays a month keeps the same. What stays is real readings, so the export, the charts and the
-- forecast read them as before. retention_state records how far each pass has gone.
CREATE TABLE retention_state (
  pass VARCHAR(16) PRIMARY KEY,
  done_until TIMESTAMP WITH TIME ZONE NOT NULL
);
-- A report left without readings is deleted: these find its readings without a scan.
CREATE INDEX meter_reading_report ON meter_reading (report_id);
CREATE INDEX supply_reading_report ON supply_reading (report_id);
CREATE INDEX report_finished ON report (finished);
