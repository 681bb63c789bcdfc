-- Transcript search is indexed in batches instead of by a trigger per message. FTS5 writes a new segment,
-- and merges older ones, in every transaction that touches it: under load that was most of what each
-- message commit wrote to the log, and it grew with the index. New messages wait in search_queue; the
-- server indexes them a few times a second and before every search, so a search never misses a stored
-- message. A message deleted or edited before it is indexed only leaves the queue.
CREATE TABLE `search_queue` (`message_rowid` integer PRIMARY KEY NOT NULL);
--> statement-breakpoint
DROP TRIGGER `messages_fts_insert`;
--> statement-breakpoint
CREATE TRIGGER `messages_search_queue` AFTER INSERT ON `messages` BEGIN
  INSERT INTO `search_queue`(`message_rowid`) VALUES (new.rowid);
END;
--> statement-breakpoint
DROP TRIGGER `messages_fts_delete`;
--> statement-breakpoint
CREATE TRIGGER `messages_fts_delete` AFTER DELETE ON `messages` BEGIN
  INSERT INTO `messages_fts`(`messages_fts`, rowid, body) SELECT 'delete', old.rowid, old.body
    WHERE NOT EXISTS (SELECT 1 FROM `search_queue` WHERE `message_rowid` = old.rowid);
  DELETE FROM `search_queue` WHERE `message_rowid` = old.rowid;
END;
--> statement-breakpoint
DROP TRIGGER `messages_fts_update`;
--> statement-breakpoint
CREATE TRIGGER `messages_fts_update` AFTER UPDATE OF body ON `messages`
  WHEN NOT EXISTS (SELECT 1 FROM `search_queue` WHERE `message_rowid` = old.rowid) BEGIN
  INSERT INTO `messages_fts`(`messages_fts`, rowid, body) VALUES ('delete', old.rowid, old.body);
  INSERT INTO `messages_fts`(rowid, body) VALUES (new.rowid, new.body);
END;
