-- Per-user attachment quotas (what one uploader stores, and what no note references yet)
-- and the hourly sweep of old unreferenced attachments read these without scanning the table.
CREATE INDEX attachments_uploader_id ON attachments (uploader_id, id, size);
CREATE INDEX attachments_created_at ON attachments (created_at);
