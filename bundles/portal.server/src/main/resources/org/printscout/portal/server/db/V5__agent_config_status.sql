-- The latest verdict of each agent on the site configuration it evaluated (POST .../config-status):
-- which document (its ETag), whether it was applied, and if not, why (PID, key, reason).
CREATE TABLE agent_config_status (
  agent_id VARCHAR(64) PRIMARY KEY REFERENCES agent(id),
  etag VARCHAR(200) NOT NULL,
  applied BOOLEAN NOT NULL,
  reason VARCHAR(2000) NOT NULL,
  reported TIMESTAMP WITH TIME ZONE NOT NULL
);
