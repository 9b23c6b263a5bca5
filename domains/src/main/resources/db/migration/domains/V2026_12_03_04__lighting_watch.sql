-- Street lighting: each tenant that watches its lights' nights, its night window, and the last night whose
-- energy and lamp conditions were written on the lights' entities, and the time of the last dimming step sent.
CREATE TABLE lighting_watch (
    tenant         text PRIMARY KEY,
    body           jsonb NOT NULL,
    updated_at     timestamptz NOT NULL,
    recorded_night timestamptz,
    summary        jsonb,
    applied_step   timestamptz
);
