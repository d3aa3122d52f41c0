-- The code a citizen keeps to look an entry up on the portal and rate its
-- answer: random, so that no one reads another's answer by counting.
-- Entries written before it have none.
ALTER TABLE reception_entries ADD COLUMN lookup_code TEXT {{BINARY}};
CREATE UNIQUE INDEX reception_entries_lookup ON reception_entries (lookup_code);
