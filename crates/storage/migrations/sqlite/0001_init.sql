-- Sites, threads, comments and settings. Times are Unix milliseconds.
CREATE TABLE sites (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL DEFAULT '',
    origins TEXT NOT NULL DEFAULT '[]',
    lang TEXT NOT NULL DEFAULT 'en',
    moderation TEXT NOT NULL DEFAULT 'auto'
);

CREATE TABLE threads (
    id INTEGER PRIMARY KEY,
    site_id INTEGER NOT NULL REFERENCES sites(id),
    url TEXT NOT NULL,
    title TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    last_number INTEGER NOT NULL DEFAULT 0,
    UNIQUE (site_id, url)
);

CREATE TABLE comments (
    id INTEGER PRIMARY KEY,
    thread_id INTEGER NOT NULL REFERENCES threads(id),
    parent_id INTEGER REFERENCES comments(id),
    number INTEGER,
    author TEXT NOT NULL,
    email TEXT NOT NULL,
    website TEXT NOT NULL DEFAULT '',
    body_md TEXT NOT NULL,
    body_html TEXT NOT NULL,
    status TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    edited_at INTEGER,
    ip TEXT,
    user_agent TEXT,
    referrer TEXT,
    spam_score REAL NOT NULL DEFAULT 0,
    spam_reasons TEXT NOT NULL DEFAULT '[]',
    edit_token_hash TEXT NOT NULL DEFAULT '',
    UNIQUE (thread_id, number)
);
CREATE INDEX comments_by_thread ON comments (thread_id, id);
CREATE INDEX comments_by_email ON comments (email);
CREATE INDEX comments_by_created ON comments (created_at);

CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
