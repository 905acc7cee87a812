-- Akismet-compatible API: keys (stored hashed), monthly usage per key and site, and the
-- per-site learned model layers.
CREATE TABLE api_keys (
    id INTEGER PRIMARY KEY,
    key_hash TEXT NOT NULL UNIQUE,
    key_hint TEXT NOT NULL,
    site_url TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    revoked_at INTEGER
);

CREATE TABLE api_usage (
    key_id INTEGER NOT NULL REFERENCES api_keys(id),
    month TEXT NOT NULL,
    site TEXT NOT NULL,
    api_calls INTEGER NOT NULL DEFAULT 0,
    spam INTEGER NOT NULL DEFAULT 0,
    ham INTEGER NOT NULL DEFAULT 0,
    missed_spam INTEGER NOT NULL DEFAULT 0,
    false_positives INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (key_id, month, site)
);

CREATE TABLE model_layers (
    scope TEXT PRIMARY KEY,
    data BLOB NOT NULL,
    updated_at INTEGER NOT NULL
);
