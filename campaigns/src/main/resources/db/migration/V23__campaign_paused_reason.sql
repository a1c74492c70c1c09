-- Why a campaign paused itself (its template failed for most of its first recipients: a render
-- limit, a missing value); NULL when it runs or was paused by hand. Cleared when it runs again.
ALTER TABLE campaigns ADD COLUMN paused_reason VARCHAR(1000);
