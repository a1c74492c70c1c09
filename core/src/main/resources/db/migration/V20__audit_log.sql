-- Who did what to whom, for the record: erasures, exports, re-subscriptions by an admin, ...
-- Rows are only ever added. A customer is named by a keyed hash of the shop's id (AuditLog), never
-- the id in clear, so that the log keeps no personal data of a person it records as erased.
CREATE TABLE audit_log (
  id BIGINT AUTO_INCREMENT PRIMARY KEY,
  -- epoch millis
  at BIGINT NOT NULL,
  -- the API key's name (later: a console user)
  actor VARCHAR(100) NOT NULL,
  -- erase, export, resubscribe, ...
  action VARCHAR(40) NOT NULL,
  -- customer, ...
  subject_type VARCHAR(40) NOT NULL,
  -- for a customer: the keyed hash of the shop's id
  subject VARCHAR(100) NOT NULL,
  detail VARCHAR(1000)
);
CREATE INDEX ix_audit_log_subject ON audit_log (subject_type, subject, action);
CREATE INDEX ix_audit_log_at ON audit_log (at);

-- When the customer's personal data was erased (DELETE /api/customers/{id}); NULL for everyone
-- else. The row stays, with an opaque external id, for the pseudonymous events, recipient rows and
-- metrics that point at it.
ALTER TABLE customers ADD COLUMN erased_at BIGINT;
