-- The installation's VAPID key pair (RFC 8292), made on first use and shared by every node: browsers subscribe to
-- push with its public key, so it must not change. The private key is sealed with the residents' contact key.
CREATE TABLE web_push_key (
    id           smallint PRIMARY KEY DEFAULT 1 CHECK (id = 1),
    public_key   bytea NOT NULL,
    private_key  bytea NOT NULL,
    created_at   timestamptz NOT NULL
);
