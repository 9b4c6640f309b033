-- The reason given for the move to the current stage (SPEC §7: lost with a reason), pulled
-- with the prospect as `stage_reason`.
ALTER TABLE prospects ADD COLUMN stage_reason TEXT;
