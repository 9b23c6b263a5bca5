-- The register of the city's smart-city projects (docs/indicators.md): each project as one checked document, and
-- its progress updates (the department's word on where it stands, what has been spent).
CREATE TABLE indicator_project (
    tenant_id   text NOT NULL,
    code        text NOT NULL,
    body        jsonb NOT NULL,
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, code)
);

CREATE TABLE indicator_project_progress (
    tenant_id    text NOT NULL,
    code         text NOT NULL,
    seq          bigserial,
    on_day       date NOT NULL,
    percent      int NOT NULL CHECK (percent BETWEEN 0 AND 100),
    spent_vnd    bigint CHECK (spent_vnd >= 0),
    note_vi      text NOT NULL,
    note_en      text NOT NULL,
    recorded_by  text NOT NULL,
    recorded_at  timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, code, seq),
    FOREIGN KEY (tenant_id, code) REFERENCES indicator_project (tenant_id, code) ON DELETE CASCADE
);
