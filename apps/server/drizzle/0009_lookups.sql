-- Lookups that had to read a whole table, each growing with the store's history: the Closed view sorted
-- every closed conversation to show the newest 200 (0.8 s with 100k), the widget's typical wait scanned every
-- conversation on each availability request, and deleting a conversation or a shopper (retention, erasure)
-- read every mail and offline submission to clear its links.
CREATE INDEX `conversations_closed` ON `conversations` (`status`,`closed_at`);--> statement-breakpoint
CREATE INDEX `conversations_site_assigned` ON `conversations` (`site_id`,`assigned_at`);--> statement-breakpoint
CREATE INDEX `mail_outbox_conversation` ON `mail_outbox` (`conversation_id`);--> statement-breakpoint
CREATE INDEX `mail_outbox_created` ON `mail_outbox` (`created_at`);--> statement-breakpoint
CREATE INDEX `offline_submissions_visitor` ON `offline_submissions` (`visitor_id`);--> statement-breakpoint
CREATE INDEX `offline_submissions_conversation` ON `offline_submissions` (`conversation_id`);
