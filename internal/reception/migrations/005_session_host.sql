-- The receiving leader's account, when the session is theirs: the leader
-- signed in sees their coming sessions (the name and title stay as posted,
-- even if the account later changes).
ALTER TABLE reception_sessions ADD COLUMN host_id BIGINT REFERENCES users (id);
CREATE INDEX reception_sessions_host ON reception_sessions (host_id, on_day);
