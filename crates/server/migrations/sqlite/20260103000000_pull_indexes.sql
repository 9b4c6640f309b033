-- Pull: records without a prospect (quiz attempts) by seq, and a prospect's records by seq.
CREATE INDEX records_orphan_seq ON records (seq) WHERE prospect_id IS NULL;
CREATE INDEX records_prospect_seq ON records (prospect_id, seq);
