-- The latest change to one kind of record (MAX(id) WHERE entity = ...) is
-- one index probe: a reader that keeps what it read of those records (the
-- service index keeps the procedure catalogue) asks it every time.
CREATE INDEX audit_log_entity_latest ON audit_log (entity, id);
