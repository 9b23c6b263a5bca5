-- Meetings in person (docs/participation.md): public meetings and workshops of a process, with where and
-- when, what makes them accessible (interpreting, childcare, step-free access, ...), registration (with the
-- help each resident needs, so it is there on the day), and afterwards the minutes and the proposals that
-- came out of them.
CREATE TABLE participation_meeting (
    tenant_id        text NOT NULL,
    process_code     text NOT NULL,
    code             text NOT NULL,
    title_vi         text NOT NULL,
    title_en         text NOT NULL,
    description_vi   text NOT NULL DEFAULT '',
    description_en   text NOT NULL DEFAULT '',
    starts_at        timestamptz NOT NULL,
    ends_at          timestamptz NOT NULL,
    place            text NOT NULL,
    ward             text NOT NULL DEFAULT '',
    provisions       text[] NOT NULL DEFAULT '{}',
    accessibility    text NOT NULL DEFAULT '',   -- more about access, in words
    capacity         int NOT NULL DEFAULT 0 CHECK (capacity >= 0),   -- 0: no limit
    minutes_vi       text NOT NULL DEFAULT '',
    minutes_en       text NOT NULL DEFAULT '',
    minutes_at       timestamptz,
    proposals        int[] NOT NULL DEFAULT '{}', -- numbers of the process's proposals that came out of it
    updated_at       timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, process_code, code)
);

CREATE TABLE participation_meeting_registration (
    tenant_id        text NOT NULL,
    process_code     text NOT NULL,
    meeting_code     text NOT NULL,
    resident         uuid NOT NULL,
    needs            text[] NOT NULL DEFAULT '{}',
    registered_at    timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, process_code, meeting_code, resident),
    FOREIGN KEY (tenant_id, process_code, meeting_code) REFERENCES participation_meeting (tenant_id, process_code, code) ON DELETE CASCADE
);
