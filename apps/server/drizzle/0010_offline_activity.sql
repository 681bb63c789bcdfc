-- The inbox's Open, Mine and Offline views sorted by each conversation's newest message, found per row: every
-- offline conversation was summarised and sorted on every reload, and offline chats pile up while nobody
-- handles them. The time is now kept on the conversation (set with each message's seq), and the Offline view
-- reads its newest 200 off an index that is partial, so live chats' messages never write to it.
ALTER TABLE `conversations` ADD `last_activity_at` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
UPDATE `conversations` SET `last_activity_at` = coalesce((SELECT m.`created_at` FROM `messages` m WHERE m.`conversation_id` = `conversations`.`id` ORDER BY m.`seq` DESC LIMIT 1), `created_at`);--> statement-breakpoint
CREATE INDEX `conversations_offline_activity` ON `conversations` (`status`,`last_activity_at`) WHERE `status` = 'offline';
