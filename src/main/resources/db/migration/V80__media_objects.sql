-- Uploaded pictures: one row per stored object (its variants live in the storage backend under
-- media/<id>/<variant>). Owner and purpose say whose it is and what it was uploaded for; visibility
-- and moderation decide whether the stable public URL serves it (only public + approved) or only
-- signed expiring URLs do. unreferenced_since starts at upload and is cleared while anything (a
-- profile, a room, a post, an AI note) references it; the sweeper deletes objects left
-- unreferenced past the grace period. Metadata of the upload itself (EXIF) is never stored.
CREATE TABLE media_objects (
  id                 UUID PRIMARY KEY,
  owner_id           BIGINT NOT NULL REFERENCES users (id),
  purpose            TEXT NOT NULL CHECK (purpose IN ('avatar', 'cover', 'post', 'ai', 'export')),
  visibility         TEXT NOT NULL CHECK (visibility IN ('public', 'private')),
  moderation         TEXT NOT NULL CHECK (moderation IN ('approved', 'pending', 'rejected')),
  source_type        TEXT NOT NULL,
  content_type       TEXT NOT NULL,
  width              INT NOT NULL,
  height             INT NOT NULL,
  bytes              BIGINT NOT NULL,
  created_at         TIMESTAMPTZ NOT NULL,
  unreferenced_since TIMESTAMPTZ,
  -- the owner's account is in its cancellation cooling-off period: served to nobody, restorable
  frozen             BOOLEAN NOT NULL DEFAULT false
);

CREATE INDEX media_objects_owner_idx ON media_objects (owner_id, created_at);
CREATE INDEX media_objects_orphan_idx ON media_objects (unreferenced_since) WHERE unreferenced_since IS NOT NULL;

-- Who references an object: (kind, ref_id) is the referencing thing (avatar/<user id>,
-- cover/<room id>, post/<post id>, ai/<note id>). One row per reference; a (kind, ref_id) that
-- replaces its picture (a new avatar) drops its old row. An object with no row here is an orphan.
CREATE TABLE media_refs (
  media_id   UUID NOT NULL REFERENCES media_objects (id) ON DELETE CASCADE,
  ref_kind   TEXT NOT NULL,
  ref_id     TEXT NOT NULL,
  created_at TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (media_id, ref_kind, ref_id)
);

CREATE INDEX media_refs_ref_idx ON media_refs (ref_kind, ref_id);
