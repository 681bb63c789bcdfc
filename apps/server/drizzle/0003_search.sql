-- Full-text search over transcripts (console search). External-content FTS5 over messages.body, stemmed
-- with porter so "shipping" finds "shipped". Kept in step by triggers; existing rows are backfilled.
CREATE VIRTUAL TABLE `messages_fts` USING fts5(body, content='messages', content_rowid='rowid', tokenize='porter unicode61');
--> statement-breakpoint
CREATE TRIGGER `messages_fts_insert` AFTER INSERT ON `messages` BEGIN
  INSERT INTO `messages_fts`(rowid, body) VALUES (new.rowid, new.body);
END;
--> statement-breakpoint
CREATE TRIGGER `messages_fts_delete` AFTER DELETE ON `messages` BEGIN
  INSERT INTO `messages_fts`(`messages_fts`, rowid, body) VALUES ('delete', old.rowid, old.body);
END;
--> statement-breakpoint
CREATE TRIGGER `messages_fts_update` AFTER UPDATE OF body ON `messages` BEGIN
  INSERT INTO `messages_fts`(`messages_fts`, rowid, body) VALUES ('delete', old.rowid, old.body);
  INSERT INTO `messages_fts`(rowid, body) VALUES (new.rowid, new.body);
END;
--> statement-breakpoint
INSERT INTO `messages_fts`(rowid, body) SELECT rowid, body FROM `messages`;
