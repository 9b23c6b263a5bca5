-- Proposals and debate (docs/participation.md): residents propose, others support, a proposal with enough
-- supports goes to the department, which answers it; comments in threads; residents report abuse and
-- moderators hide with a reason (post-moderation: published at once, reviewed when reported).
--
-- Who wrote, supported, commented or reported is kept (one support per resident, a resident's own data, "you
-- said, we did" notices) but never published: pages show the author as "the author" and other commenters as
-- "resident 1, 2, ..." numbered per proposal.

-- Supports a proposal needs before it goes to the department (0: every proposal goes at once).
ALTER TABLE participation_process ADD COLUMN support_threshold int NOT NULL DEFAULT 0 CHECK (support_threshold >= 0);

CREATE TABLE participation_proposal (
    id               uuid PRIMARY KEY,
    tenant_id        text NOT NULL,
    process_code     text NOT NULL,
    number           int NOT NULL,                 -- per process, in order of submission: the public reference
    author           uuid NOT NULL,                -- the resident (never published)
    channel          text NOT NULL CHECK (channel IN ('ONLINE', 'ASSISTED')),
    title            text NOT NULL,
    body             text NOT NULL,
    category         text NOT NULL,
    ward             text NOT NULL DEFAULT '',
    place            text NOT NULL DEFAULT '',     -- in the resident's words ("near the market")
    lat              double precision,
    lon              double precision,
    supports         int NOT NULL DEFAULT 0,
    state            text NOT NULL CHECK (state IN ('COLLECTING', 'EVALUATING', 'ACCEPTED', 'REJECTED', 'MERGED', 'WITHDRAWN')),
    answer           text NOT NULL DEFAULT '',      -- the department's answer, in the officer's words
    merged_into      int,                          -- the number of the proposal it was merged into
    hidden_reason    text NOT NULL DEFAULT '',      -- set by a moderator: the words are no longer public
    created_at       timestamptz NOT NULL,
    threshold_at     timestamptz,                  -- when it went to the department
    answered_at      timestamptz,
    UNIQUE (tenant_id, process_code, number)
);
CREATE INDEX participation_proposal_author ON participation_proposal (tenant_id, author);
-- The department's queue: proposals waiting for an answer, oldest first.
CREATE INDEX participation_proposal_waiting ON participation_proposal (tenant_id, threshold_at) WHERE state = 'EVALUATING';

CREATE TABLE participation_proposal_photo (
    photo            uuid PRIMARY KEY,
    proposal_id      uuid NOT NULL REFERENCES participation_proposal (id) ON DELETE CASCADE,
    position         int NOT NULL,
    hidden_reason    text NOT NULL DEFAULT ''
);
CREATE INDEX participation_proposal_photo_of ON participation_proposal_photo (proposal_id);

CREATE TABLE participation_support (
    proposal_id      uuid NOT NULL REFERENCES participation_proposal (id) ON DELETE CASCADE,
    resident         uuid NOT NULL,
    PRIMARY KEY (proposal_id, resident)
);
CREATE INDEX participation_support_by ON participation_support (resident);

CREATE TABLE participation_comment (
    id               uuid PRIMARY KEY,
    proposal_id      uuid NOT NULL REFERENCES participation_proposal (id) ON DELETE CASCADE,
    parent_id        uuid REFERENCES participation_comment (id) ON DELETE CASCADE,
    author           uuid NOT NULL,
    author_label     int NOT NULL,                 -- 0 the proposal's author, n the n-th other resident to comment
    body             text NOT NULL,
    hidden_reason    text NOT NULL DEFAULT '',
    created_at       timestamptz NOT NULL
);
CREATE INDEX participation_comment_of ON participation_comment (proposal_id, created_at);
CREATE INDEX participation_comment_author ON participation_comment (author);

-- Residents' reports of abuse, one per resident and thing; a moderator hides the thing or dismisses them.
CREATE TABLE participation_flag (
    tenant_id        text NOT NULL,
    target_kind      text NOT NULL CHECK (target_kind IN ('PROPOSAL', 'COMMENT')),
    target_id        uuid NOT NULL,
    resident         uuid NOT NULL,
    reason           text NOT NULL CHECK (reason IN ('SPAM', 'OFFENSIVE', 'PERSONAL_DATA', 'OFF_TOPIC', 'OTHER')),
    details          text NOT NULL DEFAULT '',
    created_at       timestamptz NOT NULL,
    dismissed        boolean NOT NULL DEFAULT false,
    PRIMARY KEY (target_kind, target_id, resident)
);
CREATE INDEX participation_flag_open ON participation_flag (tenant_id, created_at) WHERE NOT dismissed;
