-- Data rights and mail: the audit log, the queue of outgoing mail, the single-use state of
-- commenters' self-service links, and each site's erasure policy.
CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    at INTEGER NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    site_id INTEGER,
    subject TEXT NOT NULL DEFAULT '',
    details TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_by_time ON audit_log (at);

CREATE TABLE mail_outbox (
    id INTEGER PRIMARY KEY,
    created_at INTEGER NOT NULL,
    to_addr TEXT NOT NULL,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    headers TEXT NOT NULL DEFAULT '[]',
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    last_error TEXT NOT NULL DEFAULT ''
);
CREATE INDEX mail_due ON mail_outbox (next_attempt_at);

CREATE TABLE privacy_links (
    token_hash TEXT PRIMARY KEY,
    email TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at INTEGER
);

ALTER TABLE sites ADD COLUMN erasure TEXT NOT NULL DEFAULT 'anonymise';
