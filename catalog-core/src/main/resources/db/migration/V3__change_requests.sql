-- Change requests: staged edits that are not live until published (one transaction, one revision).
-- Every state change is a conditional UPDATE on the request's row (which also locks it), so two
-- nodes can never move one request twice; a scheduled publish claims the row with FOR UPDATE SKIP
-- LOCKED inside the publishing transaction, so a node that dies releases the claim with it.
CREATE TABLE change_requests (
    id                 bigserial   PRIMARY KEY,
    title              text        NOT NULL,
    description        text        NOT NULL DEFAULT '',
    state              text        NOT NULL
        CHECK (state IN ('draft', 'in_review', 'approved', 'published', 'rejected', 'withdrawn', 'failed')),
    author             text        NOT NULL,
    base_revision      bigint      NOT NULL,
    content_hash       text        NOT NULL,
    publish_at         timestamptz,
    published_revision bigint,
    failure_reason     text,
    created_at         timestamptz NOT NULL,
    updated_at         timestamptz NOT NULL,
    -- only an approved request waits for its time; any other state has none
    CHECK (publish_at IS NULL OR state = 'approved'),
    CHECK ((state = 'published') = (published_revision IS NOT NULL))
);
CREATE INDEX change_requests_by_state ON change_requests (state, id);
CREATE INDEX change_requests_due ON change_requests (publish_at) WHERE publish_at IS NOT NULL;

-- One staged edit per tool. base_version: the tool's version when it was staged (null: no such tool).
CREATE TABLE change_request_items (
    change_request_id bigint      NOT NULL REFERENCES change_requests (id) ON DELETE CASCADE,
    name              text        NOT NULL,
    action            text        NOT NULL CHECK (action IN ('upsert', 'delete', 'enable', 'disable')),
    tool              jsonb,
    base_version      integer,
    staged_at         timestamptz NOT NULL,
    staged_by         text        NOT NULL,
    PRIMARY KEY (change_request_id, name)
);

-- An approval counts only for the content it saw: an edit changes the hash and clears them.
CREATE TABLE change_request_approvals (
    change_request_id bigint      NOT NULL REFERENCES change_requests (id) ON DELETE CASCADE,
    approver          text        NOT NULL,
    content_hash      text        NOT NULL,
    comment           text,
    approved_at       timestamptz NOT NULL,
    PRIMARY KEY (change_request_id, approver, content_hash)
);

CREATE TABLE change_request_events (
    id                bigserial   PRIMARY KEY,
    change_request_id bigint      NOT NULL REFERENCES change_requests (id) ON DELETE CASCADE,
    actor             text        NOT NULL,
    action            text        NOT NULL,
    from_state        text,
    to_state          text        NOT NULL,
    comment           text,
    at                timestamptz NOT NULL
);
CREATE INDEX change_request_events_by_request ON change_request_events (change_request_id, id);

-- Which change request a revision published (null for a direct write).
ALTER TABLE catalog_changes ADD COLUMN change_request_id bigint;
