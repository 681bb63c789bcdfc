CREATE TABLE `visitor_pages` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`visitor_id` text NOT NULL,
	`url` text NOT NULL,
	`title` text,
	`viewed_at` integer NOT NULL,
	FOREIGN KEY (`visitor_id`) REFERENCES `visitors`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `visitor_pages_visitor` ON `visitor_pages` (`visitor_id`,`viewed_at`);--> statement-breakpoint
ALTER TABLE `conversations` ADD `rating` integer;--> statement-breakpoint
ALTER TABLE `conversations` ADD `rating_comment` text;--> statement-breakpoint
ALTER TABLE `sites` ADD `settings` text DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE `sites` ADD `identity_secret` text;--> statement-breakpoint
ALTER TABLE `visitors` ADD `external_id` text;--> statement-breakpoint
ALTER TABLE `visitors` ADD `verified` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `visitors` ADD `attributes` text DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE `visitors` ADD `user_agent` text;--> statement-breakpoint
ALTER TABLE `visitors` ADD `locale` text;--> statement-breakpoint
ALTER TABLE `visitors` ADD `timezone` text;