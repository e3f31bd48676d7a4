-- Commands are handed out once (state 'sent', with the time), and may come back with a file.
-- BYTEA: PostgreSQL's binary type; H2 2.x accepts it as an alias of BINARY VARYING.
ALTER TABLE command ADD COLUMN sent TIMESTAMP WITH TIME ZONE;
CREATE TABLE command_file (
  command_id BIGINT PRIMARY KEY REFERENCES command(id),
  content BYTEA NOT NULL,
  size_bytes BIGINT NOT NULL,
  received TIMESTAMP WITH TIME ZONE NOT NULL
);
