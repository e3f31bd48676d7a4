-- Per-customer settings only an admin may change: whether portal users may open a printer's web UI
-- through the customer's agents (the agents get it as part of their site configuration).
ALTER TABLE customer ADD COLUMN remote_ui_allowed BOOLEAN DEFAULT FALSE NOT NULL;
