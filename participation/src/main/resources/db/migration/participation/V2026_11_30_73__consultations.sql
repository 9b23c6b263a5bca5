-- Consultations and surveys (docs/participation.md): questions put to residents between two dates, within a
-- process; answers kept per resident (one each, changeable until the close) or, when open to everyone, also
-- from people not signed in; results published when it closes, with the department's response.
CREATE TABLE participation_consultation (
    tenant_id        text NOT NULL,
    code             text NOT NULL,
    process_code     text NOT NULL,
    title_vi         text NOT NULL,
    title_en         text NOT NULL,
    intro_vi         text NOT NULL DEFAULT '',
    intro_en         text NOT NULL DEFAULT '',
    opens            date NOT NULL,
    closes           date NOT NULL,
    audience         text NOT NULL CHECK (audience IN ('EVERYONE', 'RESIDENTS')),
    wards            text[] NOT NULL DEFAULT '{}',
    questions        jsonb NOT NULL,
    response_vi      text NOT NULL DEFAULT '',
    response_en      text NOT NULL DEFAULT '',
    responded_at     timestamptz,
    created_at       timestamptz NOT NULL,
    updated_at       timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, code)
);
CREATE INDEX participation_consultation_of ON participation_consultation (tenant_id, process_code);

CREATE TABLE participation_consultation_answer (
    id               uuid PRIMARY KEY,
    tenant_id        text NOT NULL,
    consultation     text NOT NULL,
    resident         uuid,                      -- null: someone not signed in (consultations open to everyone)
    ward             text NOT NULL DEFAULT '',  -- as the resident declared it
    channel          text NOT NULL CHECK (channel IN ('ONLINE', 'ASSISTED')),
    answers          jsonb NOT NULL,            -- {"question code": ["option", ...] | ["3"] | ["free text"]}
    answered_on      date NOT NULL,             -- the day only
    FOREIGN KEY (tenant_id, consultation) REFERENCES participation_consultation (tenant_id, code) ON DELETE CASCADE
);
CREATE UNIQUE INDEX participation_consultation_one_each ON participation_consultation_answer (tenant_id, consultation, resident)
    WHERE resident IS NOT NULL;
CREATE INDEX participation_consultation_answers ON participation_consultation_answer (tenant_id, consultation);
