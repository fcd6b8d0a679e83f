-- Session revocations are durable in sessions.revoked_at (and an account's state in users.status);
-- Redis only caches them for the session gate. After Redis loses its data the gate reloads every
-- revocation and every disabled account an unexpired access token could still meet (the last
-- access TTL). These partial indexes keep that reload from scanning the whole tables.
CREATE INDEX sessions_revoked_at_idx ON sessions (revoked_at) WHERE revoked_at IS NOT NULL;
CREATE INDEX users_not_active_idx ON users (updated_at) WHERE status <> 'active';
