-- Gradual rollouts: a change request's candidate versions reach a cohort of consumers first.
-- Starting, each step, pausing, resuming, completing and aborting are catalog revisions (a row in
-- catalog_changes naming the rollout's tools), so what a consumer sees at revision R is a function
-- of the database at R: the tools as of R, and each rollout's state as of R (rollout_states).
ALTER TABLE change_requests DROP CONSTRAINT change_requests_state_check;
ALTER TABLE change_requests ADD CONSTRAINT change_requests_state_check
    CHECK (state IN ('draft', 'in_review', 'approved', 'rolling_out', 'published', 'rejected', 'withdrawn', 'failed'));

CREATE TABLE rollouts (
    id                  bigserial        PRIMARY KEY,
    change_request_id   bigint           NOT NULL REFERENCES change_requests (id),
    state               text             NOT NULL CHECK (state IN ('running', 'paused', 'completed', 'aborted')),
    steps               jsonb            NOT NULL,
    step                integer          NOT NULL CHECK (step >= 0),
    percent             double precision NOT NULL CHECK (percent > 0 AND percent <= 100),
    cohort_labels       jsonb            NOT NULL DEFAULT '{}',
    failure_rate_margin double precision,
    min_reports         integer,
    window_seconds      integer,
    auto_advance        boolean          NOT NULL,
    started_revision    bigint           NOT NULL,
    revision            bigint           NOT NULL,
    step_started_at     timestamptz      NOT NULL,
    started_by          text             NOT NULL,
    reason              text,
    created_at          timestamptz      NOT NULL,
    updated_at          timestamptz      NOT NULL
);
CREATE INDEX rollouts_active ON rollouts (id) WHERE state IN ('running', 'paused');
CREATE INDEX rollouts_by_request ON rollouts (change_request_id);

-- What the cohort sees instead of the stable tool: the candidate tool's document, or null when the
-- candidate deletes it. Written once, when the rollout starts.
CREATE TABLE rollout_candidates (
    rollout_id     bigint  NOT NULL REFERENCES rollouts (id) ON DELETE CASCADE,
    name           text    NOT NULL,
    document       jsonb,
    stable_version integer,
    PRIMARY KEY (rollout_id, name)
);

-- A tool under an active rollout: one rollout per tool, and every other write to it is refused.
CREATE TABLE rollout_locks (
    name       text   PRIMARY KEY,
    rollout_id bigint NOT NULL REFERENCES rollouts (id) ON DELETE CASCADE
);

-- Each rollout's state as of each revision that changed it (append-only): the history checker and
-- the console read it.
CREATE TABLE rollout_states (
    rollout_id bigint           NOT NULL REFERENCES rollouts (id) ON DELETE CASCADE,
    revision   bigint           NOT NULL,
    state      text             NOT NULL,
    step       integer          NOT NULL,
    percent    double precision NOT NULL,
    actor      text             NOT NULL,
    reason     text,
    at         timestamptz      NOT NULL,
    PRIMARY KEY (rollout_id, revision)
);

-- Outcomes consumers reported, per rollout, window slice and side (cohort or control).
CREATE TABLE rollout_outcomes (
    rollout_id  bigint      NOT NULL REFERENCES rollouts (id) ON DELETE CASCADE,
    slice_start timestamptz NOT NULL,
    cohort      boolean     NOT NULL,
    success     bigint      NOT NULL DEFAULT 0,
    failure     bigint      NOT NULL DEFAULT 0,
    PRIMARY KEY (rollout_id, slice_start, cohort)
);
