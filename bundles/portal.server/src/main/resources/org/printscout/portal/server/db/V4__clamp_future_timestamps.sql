-- Readings dated in the future froze their device (a later report is applied only when it is newer).
-- Reports are now clamped to the portal's clock on arrival; this repairs what arrived before.
UPDATE device SET last_seen = CURRENT_TIMESTAMP WHERE last_seen > CURRENT_TIMESTAMP;
UPDATE meter_reading SET read_at = CURRENT_TIMESTAMP WHERE read_at > CURRENT_TIMESTAMP;
UPDATE report SET finished = CURRENT_TIMESTAMP WHERE finished > CURRENT_TIMESTAMP;
