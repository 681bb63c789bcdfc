/**
 * The console's REST API under `/api/v1/console`. Every route needs a session; state-changing ones need
 * the console's Origin; admin routes check the role themselves.
 */
import type { FastifyInstance } from 'fastify';
import { agentRoutes } from './agent-routes';
import { cannedRoutes } from './canned-routes';
import { conversationRoutes } from './conversation-routes';
import { guardConsoleRoutes } from './guards';
import { searchRoutes } from './search-routes';
import { settingsRoutes } from './settings-routes';

export interface ConsoleApiOptions {
  publicUrl: string;
}

export async function consoleApi(app: FastifyInstance, options: ConsoleApiOptions): Promise<void> {
  guardConsoleRoutes(app, options.publicUrl);
  await app.register(conversationRoutes);
  await app.register(cannedRoutes);
  await app.register(searchRoutes);
  await app.register(agentRoutes);
  await app.register(settingsRoutes, { publicUrl: options.publicUrl });
}
