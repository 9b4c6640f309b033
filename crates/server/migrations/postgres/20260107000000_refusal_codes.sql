-- A refused or pending mutation's stable code and field, so that a resend (`duplicate`) answers
-- with them too.
ALTER TABLE processed_mutations ADD COLUMN code TEXT;
ALTER TABLE processed_mutations ADD COLUMN field TEXT;
