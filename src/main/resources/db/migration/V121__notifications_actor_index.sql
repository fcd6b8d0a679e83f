-- Erasing a user detaches them as the actor of items in others' inboxes (UPDATE ... WHERE
-- actor_id = $1); without this index that is a scan of every inbox.
CREATE INDEX notifications_actor_idx ON notifications (actor_id) WHERE actor_id IS NOT NULL;
