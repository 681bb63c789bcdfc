-- FAQ matching: FTS5 over question, keywords and answer, stemmed with porter ("shipping" ~ "shipped").
-- External content kept in step with faq_entries by triggers.
CREATE VIRTUAL TABLE `faq_fts` USING fts5(question, keywords, answer, content='faq_entries', content_rowid='rowid', tokenize='porter unicode61');
--> statement-breakpoint
CREATE TRIGGER `faq_fts_insert` AFTER INSERT ON `faq_entries` BEGIN
  INSERT INTO `faq_fts`(rowid, question, keywords, answer) VALUES (new.rowid, new.question, new.keywords, new.answer);
END;
--> statement-breakpoint
CREATE TRIGGER `faq_fts_delete` AFTER DELETE ON `faq_entries` BEGIN
  INSERT INTO `faq_fts`(`faq_fts`, rowid, question, keywords, answer) VALUES ('delete', old.rowid, old.question, old.keywords, old.answer);
END;
--> statement-breakpoint
CREATE TRIGGER `faq_fts_update` AFTER UPDATE ON `faq_entries` BEGIN
  INSERT INTO `faq_fts`(`faq_fts`, rowid, question, keywords, answer) VALUES ('delete', old.rowid, old.question, old.keywords, old.answer);
  INSERT INTO `faq_fts`(rowid, question, keywords, answer) VALUES (new.rowid, new.question, new.keywords, new.answer);
END;
