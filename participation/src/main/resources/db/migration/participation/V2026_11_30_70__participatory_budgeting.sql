-- Participation (docs/participation.md): processes with phases, participatory budgets, and a ballot box that
-- keeps ballots secret from anyone holding the database.
--
-- Secrecy, as a paper ballot box keeps it: the register of who voted (participation_voter) and the box
-- (participation_ballot) share no key, no timestamp and no order. During the vote a ballot is sealed
-- (AES-GCM) and found again for a change by a slot, a keyed hash of the voter, both with the process's ballot
-- key, which is itself sealed with the platform key that never lives in the database. When the vote is
-- counted the box is opened once: the ballots are written shuffled, in one transaction, to
-- participation_published_ballot (no voter, no time), the sealed rows and the key are deleted.

CREATE TABLE participation_process (
    tenant_id        text NOT NULL,
    code             text NOT NULL,
    title_vi         text NOT NULL,
    title_en         text NOT NULL,
    summary_vi       text NOT NULL DEFAULT '',
    summary_en       text NOT NULL DEFAULT '',
    department_code  text NOT NULL,
    wards            text[] NOT NULL DEFAULT '{}',
    phases           jsonb NOT NULL,            -- [{"phase":"VOTING","starts":"2026-12-01","ends":"2026-12-14"}]
    voting_rule      text NOT NULL CHECK (voting_rule IN ('KNAPSACK', 'APPROVAL')),
    minimum_spend    int NOT NULL DEFAULT 0 CHECK (minimum_spend BETWEEN 0 AND 100),   -- % of the budget (knapsack)
    max_choices      int NOT NULL DEFAULT 0 CHECK (max_choices >= 0),                  -- projects (approval)
    budgets          jsonb NOT NULL,            -- [{"scope":"" or a ward,"amount":5000000000}]
    counted_at       timestamptz,               -- when the box was opened and the results computed
    ballots_counted  int,
    created_at       timestamptz NOT NULL,
    updated_at       timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, code)
);

CREATE TABLE participation_project (
    tenant_id        text NOT NULL,
    process_code     text NOT NULL,
    code             text NOT NULL,
    title_vi         text NOT NULL,
    title_en         text NOT NULL,
    description_vi   text NOT NULL DEFAULT '',
    description_en   text NOT NULL DEFAULT '',
    cost             bigint NOT NULL CHECK (cost > 0),   -- in the budget's currency unit (đồng)
    scope            text NOT NULL DEFAULT '',            -- '' the whole process, else the ward whose budget pays
    updated_at       timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, process_code, code),
    FOREIGN KEY (tenant_id, process_code) REFERENCES participation_process (tenant_id, code)
);

-- The process's ballot key, sealed with the platform key (saola.residents.contact-key); deleted at the count.
CREATE TABLE participation_ballot_key (
    tenant_id        text NOT NULL,
    process_code     text NOT NULL,
    key_sealed       bytea NOT NULL,
    PRIMARY KEY (tenant_id, process_code)
);

-- The register of who took part: a resident, how (online, assisted at a ward office, SMS), and the day only.
CREATE TABLE participation_voter (
    tenant_id        text NOT NULL,
    process_code     text NOT NULL,
    resident_id      uuid NOT NULL,
    channel          text NOT NULL CHECK (channel IN ('ONLINE', 'ASSISTED', 'SMS')),
    voted_on         date NOT NULL,
    PRIMARY KEY (tenant_id, process_code, resident_id)
);

-- The box during the vote: one row per voter, found by its slot (HMAC of the voter under the ballot key),
-- its content sealed under the same key. No voter, no time. A changed ballot replaces the content and the
-- receipt; the receipts it replaced are kept so that their holder learns they no longer count.
CREATE TABLE participation_ballot (
    tenant_id        text NOT NULL,
    process_code     text NOT NULL,
    slot             bytea NOT NULL,
    sealed           bytea NOT NULL,
    receipt          text NOT NULL,
    replaced         text[] NOT NULL DEFAULT '{}',
    PRIMARY KEY (tenant_id, process_code, slot)
);
CREATE UNIQUE INDEX participation_ballot_receipt ON participation_ballot (tenant_id, process_code, receipt);

-- The box opened: anonymous ballots anyone can download and count again; the receipts that were counted.
CREATE TABLE participation_published_ballot (
    tenant_id        text NOT NULL,
    process_code     text NOT NULL,
    ballot_id        uuid NOT NULL,             -- random, and rows are written in a random order
    scope            text NOT NULL,
    projects         text[] NOT NULL,
    PRIMARY KEY (tenant_id, process_code, ballot_id)
);

CREATE TABLE participation_counted_receipt (
    tenant_id        text NOT NULL,
    process_code     text NOT NULL,
    receipt          text NOT NULL,
    PRIMARY KEY (tenant_id, process_code, receipt)
);

-- The results of the count, per budget scope and project, by the process's stated rule.
CREATE TABLE participation_result (
    tenant_id        text NOT NULL,
    process_code     text NOT NULL,
    scope            text NOT NULL,
    project_code     text NOT NULL,
    votes            int NOT NULL,
    rank             int NOT NULL,
    selected         boolean NOT NULL,
    PRIMARY KEY (tenant_id, process_code, scope, project_code)
);
