-- The portal's feed reads a register's documents last entered or changed
-- (Store.PublicRecent).
CREATE INDEX legal_documents_unit_updated ON legal_documents (unit_id, updated_at, id);
