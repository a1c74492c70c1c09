-- What the lift report read, saved in a compact binary form (docs/lift.md, "Saved snapshots"): a
-- campaign's recipients, a period's purchases. Each snapshot is split into parts of at most 1 MiB
-- (under any max_allowed_packet) and stamped with what identifies the rows it was read from (the
-- recipients' fingerprint, the purchases' period, event-id watermark and count), so that a node that
-- holds nothing in memory, after a restart or on another node, reads a few megabytes instead of a
-- million rows, and only while the stamp shows them current and the bytes match their CRC-32C.
CREATE TABLE lift_snapshots (
  name VARCHAR(100) NOT NULL,
  part INT NOT NULL,
  parts INT NOT NULL,
  stamp VARCHAR(255) NOT NULL,
  saved_at BIGINT NOT NULL,
  checksum BIGINT NOT NULL,
  total_bytes BIGINT NOT NULL,
  data MEDIUMBLOB NOT NULL,
  PRIMARY KEY (name, part)
);
