-- Units form a tree stored with a path of ids ("/1/4/9/") and a level, so a
-- subtree is one indexed prefix scan. Units carry validity dates: a merger
-- closes a unit (valid_to) and names its successor, and history keeps
-- pointing at the old one.
CREATE TABLE units (
	id           {{ID}},
	code         TEXT NOT NULL,
	kind         TEXT NOT NULL CHECK (kind IN ('province', 'agency', 'home_affairs', 'commune', 'division', 'center')),
	name         TEXT NOT NULL,
	short_name   TEXT NOT NULL DEFAULT '',
	name_fold    TEXT NOT NULL,
	sort_key     TEXT {{BINARY}} NOT NULL,
	parent_id    BIGINT REFERENCES units (id),
	path         TEXT NOT NULL,
	level        INTEGER NOT NULL,
	valid_from   TEXT NOT NULL,
	valid_to     TEXT,
	successor_id BIGINT REFERENCES units (id),
	created_at   TEXT NOT NULL,
	updated_at   TEXT NOT NULL
);
CREATE UNIQUE INDEX units_code ON units (code);
CREATE INDEX units_parent ON units (parent_id, sort_key);
CREATE INDEX units_path ON units (path);

CREATE TABLE users (
	id            {{ID}},
	username      TEXT NOT NULL,
	full_name     TEXT NOT NULL,
	name_fold     TEXT NOT NULL,
	sort_key      TEXT {{BINARY}} NOT NULL,
	email         TEXT NOT NULL DEFAULT '',
	title         TEXT NOT NULL DEFAULT '',
	unit_id       BIGINT NOT NULL REFERENCES units (id),
	password_hash TEXT NOT NULL,
	active        INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
	lang          TEXT NOT NULL DEFAULT 'vi' CHECK (lang IN ('vi', 'en')),
	created_at    TEXT NOT NULL,
	updated_at    TEXT NOT NULL
);
CREATE UNIQUE INDEX users_username ON users (username);
CREATE INDEX users_unit ON users (unit_id, sort_key);
CREATE INDEX users_sort ON users (sort_key);

CREATE TABLE user_roles (
	user_id BIGINT NOT NULL REFERENCES users (id),
	role    TEXT NOT NULL CHECK (role IN ('admin', 'leader', 'focal', 'manager', 'officer', 'reviewer', 'viewer')),
	PRIMARY KEY (user_id, role)
);

-- Sessions live in the database so that any papihub process can serve any
-- request. Only a hash of the session id is stored: a leaked table does not
-- let anyone sign in.
CREATE TABLE sessions (
	id_hash      TEXT PRIMARY KEY,
	user_id      BIGINT NOT NULL REFERENCES users (id),
	csrf_token   TEXT NOT NULL,
	created_at   TEXT NOT NULL,
	last_seen_at TEXT NOT NULL,
	expires_at   TEXT NOT NULL,
	ip           TEXT NOT NULL DEFAULT '',
	user_agent   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX sessions_user ON sessions (user_id);
CREATE INDEX sessions_expires ON sessions (expires_at);

CREATE TABLE api_tokens (
	id           {{ID}},
	user_id      BIGINT NOT NULL REFERENCES users (id),
	name         TEXT NOT NULL,
	token_hash   TEXT NOT NULL,
	prefix       TEXT NOT NULL,
	created_at   TEXT NOT NULL,
	last_used_at TEXT,
	revoked_at   TEXT
);
CREATE UNIQUE INDEX api_tokens_hash ON api_tokens (token_hash);
CREATE INDEX api_tokens_user ON api_tokens (user_id);

-- Failed sign-ins, for throttling per account and per client address. Kept
-- in the database so the limit holds across processes.
CREATE TABLE login_failures (
	id       {{ID}},
	username TEXT NOT NULL,
	ip       TEXT NOT NULL,
	at       TEXT NOT NULL
);
CREATE INDEX login_failures_user ON login_failures (username, at);
CREATE INDEX login_failures_ip ON login_failures (ip, at);
