-- The remote web UI. The portal's own secrets for it (one row, made on first use by whichever node
-- comes first): the Ed25519 key that signs requests to agents and the secret agents' broker passwords
-- are derived from. Agents' SSH public keys, registered by each agent over its authenticated API.
-- Sessions: who opened which printer's web UI through which agent, on which tunnel-server port, and
-- how and why it ended; the tokens the relay accepts are stored as SHA-256 only.
CREATE TABLE remote_ui_secret (
  id INT PRIMARY KEY,
  request_private_key VARCHAR(200) NOT NULL,
  request_public_key VARCHAR(200) NOT NULL,
  broker_secret VARCHAR(100) NOT NULL,
  created TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE TABLE agent_ssh_key (
  agent_id VARCHAR(64) PRIMARY KEY REFERENCES agent(id) ON DELETE CASCADE,
  public_key VARCHAR(1000) NOT NULL,
  fingerprint VARCHAR(100) NOT NULL,
  registered TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX agent_ssh_key_fingerprint ON agent_ssh_key (fingerprint);
CREATE TABLE remote_session (
  id VARCHAR(40) PRIMARY KEY,
  dealer_id VARCHAR(64) NOT NULL,
  customer_id VARCHAR(64) NOT NULL,
  agent_id VARCHAR(64) NOT NULL REFERENCES agent(id) ON DELETE CASCADE,
  device_id BIGINT NOT NULL,
  device_address VARCHAR(64) NOT NULL,
  device_port INT NOT NULL,
  remote_port INT NOT NULL,
  username VARCHAR(100) NOT NULL,
  portal_session_sha256 VARCHAR(64) NOT NULL,
  state VARCHAR(16) NOT NULL,
  reason VARCHAR(1000) NOT NULL,
  created TIMESTAMP WITH TIME ZONE NOT NULL,
  opened TIMESTAMP WITH TIME ZONE,
  expires TIMESTAMP WITH TIME ZONE NOT NULL,
  ended TIMESTAMP WITH TIME ZONE,
  ticket_sha256 VARCHAR(64),
  relay_sha256 VARCHAR(64)
);
CREATE INDEX remote_session_live ON remote_session (state, expires);
CREATE INDEX remote_session_dealer ON remote_session (dealer_id, created);
