-- Each prospect carries its grade history (SPEC §5 step 5) so that phones get it with the
-- record and show it offline. The entries are the `grade` rows of field_history; existing
-- ones are copied over, in order.
ALTER TABLE prospects ADD COLUMN grade_history TEXT NOT NULL DEFAULT '[]';

UPDATE prospects SET grade_history = COALESCE((
    SELECT json_group_array(json(h.new_value))
    FROM (SELECT new_value FROM field_history
          WHERE prospect_id = prospects.id AND field = 'grade' ORDER BY id) h
), '[]')
WHERE EXISTS (SELECT 1 FROM field_history WHERE prospect_id = prospects.id AND field = 'grade');
