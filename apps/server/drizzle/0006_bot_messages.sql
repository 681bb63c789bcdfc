ALTER TABLE `conversations` ADD `fallback_reason` text;--> statement-breakpoint
ALTER TABLE `messages` ADD `bot_kind` text;--> statement-breakpoint
ALTER TABLE `messages` ADD `faq_entry_id` text;