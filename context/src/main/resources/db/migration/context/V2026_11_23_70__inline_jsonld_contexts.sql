-- Inline @context objects that subscriptions use (NGSI-LD "ImplicitlyCreated" contexts), kept so that the
-- subscriptions still expand and compact their terms after a restart. Keyed by a hash of the content, so the
-- same context is stored once whoever sent it; a context is vocabulary, never personal data.
CREATE TABLE context_jsonld_context (
    id         text PRIMARY KEY,
    body       jsonb NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
