-- The entries that name a dossier, by day: the complaints and dislikes the
-- service index deducts from DOSSIER_RECEIVING_SATISFACTION
-- (Store.DisapprovedDossiers) are read from these few rows, not the
-- logbook.
CREATE INDEX reception_entries_dossier ON reception_entries (received_on, kind, dossier_code) WHERE dossier_code <> '';
