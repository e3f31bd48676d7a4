-- The daily purge of old audit rows finds them by time, in batches: without an index on the time,
-- each batch would read the whole table.
CREATE INDEX audit_event_at ON audit_event (at);
