-- Each prospect carries its grade history (SPEC §5 step 5) so that phones get it with the
-- record and show it offline. The entries are the `grade` rows of field_history; existing
-- ones are copied over, in order.
ALTER TABLE prospects ADD COLUMN grade_history TEXT NOT NULL DEFAULT '[]';

UPDATE prospects p SET grade_history = h.entries
FROM (SELECT prospect_id, json_agg(new_value::json ORDER BY id)::text AS entries
      FROM field_history WHERE field = 'grade' GROUP BY prospect_id) h
WHERE h.prospect_id = p.id;
