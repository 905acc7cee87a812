-- Staff accounts (argon2id hashes), their server-side sessions (token hashes only), the
-- per-site settings owned by the admin UI, and an index for the moderation queue.
CREATE TABLE admin_users (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    role TEXT NOT NULL,
    sites TEXT NOT NULL DEFAULT '[]',
    email TEXT NOT NULL DEFAULT '',
    created_at INTEGER NOT NULL
);

CREATE TABLE admin_sessions (
    token_hash TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES admin_users(id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
);
CREATE INDEX admin_sessions_by_expiry ON admin_sessions (expires_at);

ALTER TABLE sites ADD COLUMN policy TEXT NOT NULL DEFAULT '{}';

CREATE INDEX comments_by_status ON comments (status, id);

-- Reply notifications: a commenter's request to hear of replies to their comment (confirmed by
-- double opt-in; the address is the comment's own), and the replies already announced.
CREATE TABLE reply_subscriptions (
    comment_id INTEGER PRIMARY KEY REFERENCES comments(id),
    created_at INTEGER NOT NULL,
    confirmed_at INTEGER
);

CREATE TABLE reply_notices (
    comment_id INTEGER PRIMARY KEY REFERENCES comments(id),
    sent_at INTEGER NOT NULL
);
CREATE INDEX comments_by_parent ON comments (parent_id);
