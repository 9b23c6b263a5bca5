-- "You said, we did" (docs/participation.md): what the city did with what residents decided. Each funded
-- project or accepted proposal gets progress updates from its department (status, percentage, money spent,
-- dates, a note, photos), the newest being where it stands; a project is linked to the proposals and
-- residents' reports it answers; residents who asked to be told receive each update.

CREATE TABLE participation_progress (
    id               uuid PRIMARY KEY,
    tenant_id        text NOT NULL,
    process_code     text NOT NULL,
    kind             text NOT NULL CHECK (kind IN ('PROJECT', 'PROPOSAL')),
    ref              text NOT NULL,                 -- the project's code or the proposal's number
    status           text NOT NULL CHECK (status IN ('PLANNED', 'IN_PROGRESS', 'DONE', 'CANCELLED')),
    percent          int NOT NULL CHECK (percent BETWEEN 0 AND 100),
    spent            bigint NOT NULL DEFAULT 0 CHECK (spent >= 0),      -- đồng, so far
    starts_on        date,
    ends_on          date,
    note_vi          text NOT NULL,
    note_en          text NOT NULL,
    photos           uuid[] NOT NULL DEFAULT '{}',
    created_at       timestamptz NOT NULL
);
CREATE INDEX participation_progress_of ON participation_progress (tenant_id, process_code, kind, ref, created_at);

CREATE TABLE participation_project_link (
    tenant_id        text NOT NULL,
    process_code     text NOT NULL,
    project_code     text NOT NULL,
    kind             text NOT NULL CHECK (kind IN ('PROPOSAL', 'REPORT')),
    ref              bigint NOT NULL,               -- a proposal's number in the process, a report's number
    PRIMARY KEY (tenant_id, process_code, project_code, kind, ref)
);

-- Residents who asked to be told what becomes of a process (answers to their proposals, progress).
CREATE TABLE participation_follower (
    tenant_id        text NOT NULL,
    process_code     text NOT NULL,
    resident         uuid NOT NULL,
    since            timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, process_code, resident)
);
