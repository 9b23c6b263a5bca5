-- Residents' reports (docs/reports.md). Nothing here names a person: a reporter is a resident id, whose
-- contact and name live encrypted in the platform's resident tables.

-- The service catalogue: what residents can report, who answers for it, how soon.
CREATE TABLE report_service (
    tenant_id         text NOT NULL,
    code              text NOT NULL,             -- Open311 service_code
    name_vi           text NOT NULL,
    name_en           text NOT NULL,
    description_vi    text NOT NULL DEFAULT '',
    description_en    text NOT NULL DEFAULT '',
    group_name        text NOT NULL DEFAULT '',
    keywords          text[] NOT NULL DEFAULT '{}',
    department_code   text,                      -- who answers, unless the ward has its own below
    ward_departments  jsonb NOT NULL DEFAULT '{}',
    target_hours      int NOT NULL,
    privacy           text NOT NULL CHECK (privacy IN ('EXACT', 'APPROXIMATE')),
    nearby_meters     int NOT NULL DEFAULT 250,
    attributes        jsonb NOT NULL DEFAULT '[]',   -- Open311 attributes (extra questions)
    active            boolean NOT NULL DEFAULT true,
    updated_at        timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, code)
);

-- Short numbers a resident can read out on the phone: the Open311 service_request_id.
CREATE SEQUENCE report_number START 1001;

CREATE TABLE report (
    tenant_id        text NOT NULL,
    id               bigint NOT NULL,
    token            uuid NOT NULL,
    service_code     text NOT NULL,
    status           text NOT NULL CHECK (status IN ('OPEN', 'ACKNOWLEDGED', 'IN_PROGRESS', 'FIXED', 'NOT_FIXED',
                                                     'DUPLICATE', 'REFERRED')),
    status_notes     text NOT NULL DEFAULT '',      -- the latest public word on it
    description      text NOT NULL DEFAULT '',
    lat              double precision,              -- null: placed by address only (no map position yet)
    lon              double precision,
    address          text NOT NULL DEFAULT '',
    address_id       text NOT NULL DEFAULT '',
    ward             text NOT NULL DEFAULT '',
    department_code  text,
    assignee         text,
    attributes       jsonb NOT NULL DEFAULT '{}',
    media_url        text NOT NULL DEFAULT '',
    reporter_id      uuid,                          -- null: anonymous
    source           text NOT NULL,                 -- web, open311:<key name>, simulator
    duplicate_of     bigint,
    referred_to      text NOT NULL DEFAULT '',
    supporters       int NOT NULL DEFAULT 0,
    requested_at     timestamptz NOT NULL,
    updated_at       timestamptz NOT NULL,
    expected_at      timestamptz NOT NULL,
    closed_at        timestamptz,
    projected_at     timestamptz,                   -- when its NGSI-LD entity last caught up
    PRIMARY KEY (tenant_id, id),
    UNIQUE (token),
    FOREIGN KEY (tenant_id, service_code) REFERENCES report_service (tenant_id, code)
);
CREATE INDEX report_by_time ON report (tenant_id, requested_at DESC);
CREATE INDEX report_queue ON report (tenant_id, department_code, status, requested_at DESC);
CREATE INDEX report_reporter ON report (tenant_id, reporter_id) WHERE reporter_id IS NOT NULL;
CREATE INDEX report_unprojected ON report (updated_at) WHERE projected_at IS NULL OR projected_at < updated_at;
-- Open reports near a place (duplicate suggestions): a box search on the point, then the exact distance.
CREATE INDEX report_open_place ON report USING gist (point(lon, lat))
    WHERE status IN ('OPEN', 'ACKNOWLEDGED', 'IN_PROGRESS');

-- A report's life: filed, status changes, public updates, internal notes, assignments, supports, reopenings.
CREATE TABLE report_event (
    tenant_id   text NOT NULL,
    report_id   bigint NOT NULL,
    seq         bigserial,
    at          timestamptz NOT NULL,
    kind        text NOT NULL,
    status      text,
    text        text NOT NULL DEFAULT '',
    actor       text NOT NULL,
    public      boolean NOT NULL,
    PRIMARY KEY (tenant_id, report_id, seq),
    FOREIGN KEY (tenant_id, report_id) REFERENCES report (tenant_id, id) ON DELETE CASCADE
);

-- Residents who support a report instead of filing a duplicate (one support per resident).
CREATE TABLE report_support (
    tenant_id    text NOT NULL,
    report_id    bigint NOT NULL,
    resident_id  uuid NOT NULL,
    at           timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, report_id, resident_id),
    FOREIGN KEY (tenant_id, report_id) REFERENCES report (tenant_id, id) ON DELETE CASCADE
);

-- Photos, re-encoded without their metadata; the bytes live in the photo store (the data directory by default).
CREATE TABLE report_photo (
    tenant_id     text NOT NULL,
    id            uuid NOT NULL,
    report_id     bigint NOT NULL,
    stage         text NOT NULL CHECK (stage IN ('REPORTED', 'AFTER')),
    width         int NOT NULL,
    height        int NOT NULL,
    bytes         int NOT NULL,
    hidden        boolean NOT NULL DEFAULT false,
    created_at    timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, report_id) REFERENCES report (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX report_photo_report ON report_photo (tenant_id, report_id);
