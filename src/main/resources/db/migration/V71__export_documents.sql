-- Export documents, stored in PostgreSQL so that every node can serve a download and every node's
-- expiry job can delete it (a file under one node's data.dir could be reached by that node only).
-- A document is split into chunks of at most 256 KiB, written as it is generated and read back one
-- chunk at a time, so neither building nor serving an export holds it whole in memory (a bytea is
-- read and written whole). Nothing but the signed link of data_exports, handed to the owner (or to
-- the administrator who exported for a guardian), reads a chunk; chunks are deleted with the
-- export's expiry, failure or abandonment, and with the export row itself.
CREATE TABLE data_export_chunks (
  export_id UUID NOT NULL REFERENCES data_exports (id) ON DELETE CASCADE,
  seq       INTEGER NOT NULL,
  data      BYTEA NOT NULL,
  PRIMARY KEY (export_id, seq)
);
