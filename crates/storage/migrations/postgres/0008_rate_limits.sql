-- Rate limits shared by every instance on this database (login attempts): one row per key,
-- holding the bucket's theoretical arrival time (GCRA) in ms. Keys are keyed hashes, never a
-- name or an address. A row whose time has passed is a full bucket and may be deleted.
CREATE TABLE rate_limits (
    key TEXT PRIMARY KEY,
    tat BIGINT NOT NULL
);
