-- Idempotency keys are scoped per user: a mutation id one user sent says nothing about
-- another user's mutation with the same id (it is processed as theirs, and never answered
-- `duplicate` with the first user's result).
ALTER TABLE processed_mutations DROP CONSTRAINT processed_mutations_pkey;
ALTER TABLE processed_mutations ADD PRIMARY KEY (user_id, id);
