-- Reports can target an uploaded picture (media_objects.id); the reported person is its owner.
-- A moderator's remove_media action makes the picture private and rejected.
ALTER TABLE reports ADD COLUMN media_id UUID;
ALTER TABLE reports DROP CONSTRAINT reports_action_check;
ALTER TABLE reports ADD CONSTRAINT reports_action_check
  CHECK (action IN ('warn', 'mute', 'ban', 'close_room', 'remove_media'));
