-- The @context management API (GS CIM 009 V1.8.1 §5.13.2-5.13.4): contexts a client asks Saola to host (kind
-- Hosted) beside those Saola keeps because a subscription or registration was created with them inline (kind
-- ImplicitlyCreated). Both are served at /ngsi-ld/v1/jsonldContexts/{id}.
ALTER TABLE context_jsonld_context ADD COLUMN kind text NOT NULL DEFAULT 'ImplicitlyCreated'
    CHECK (kind IN ('Hosted', 'ImplicitlyCreated'));
