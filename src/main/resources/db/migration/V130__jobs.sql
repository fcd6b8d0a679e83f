-- The durable job queue every capability shares (package io.liveroom.jobs): one row per job, for
-- work that must survive a node dying (the going-live fan-out to every follower) and for periodic
-- housekeeping (privacy's erasure and retention run, one recurring row). Any node claims due rows
-- with FOR UPDATE SKIP LOCKED and holds them under a lease (lease_token, locked_until); it saves
-- its progress in cursor in the same transaction as the work of each step, so a node that dies
-- leaves a lease that expires and another node resumes from the saved cursor. dedupe_key makes an
-- enqueue idempotent per kind (live/<session id>: one fan-out per live session). every_seconds
-- marks a recurring job: when a run completes it is due again that many seconds later.
CREATE TABLE jobs (
  id            BIGSERIAL PRIMARY KEY,
  kind          TEXT NOT NULL,
  dedupe_key    TEXT,
  payload       JSONB NOT NULL DEFAULT '{}'::jsonb,
  cursor        JSONB,
  state         TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'running', 'done', 'failed')),
  attempts      INTEGER NOT NULL DEFAULT 0,
  every_seconds INTEGER CHECK (every_seconds > 0),
  run_after     TIMESTAMPTZ NOT NULL DEFAULT now(),
  locked_by     TEXT,
  lease_token   TEXT,
  locked_until  TIMESTAMPTZ,
  last_error    TEXT,
  created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
  finished_at   TIMESTAMPTZ
);

CREATE UNIQUE INDEX jobs_dedupe_idx ON jobs (kind, dedupe_key) WHERE dedupe_key IS NOT NULL;
-- What a claim scans: due or lease-expired jobs only; finished rows drop out of the index.
CREATE INDEX jobs_due_idx ON jobs (run_after) WHERE state IN ('pending', 'running');
CREATE INDEX jobs_finished_idx ON jobs (finished_at) WHERE state IN ('done', 'failed');
