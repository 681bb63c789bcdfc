/** Admin site settings (look of the widget, allowed origins, embed snippet data) and per-agent notification preferences. */
import { notificationPreferences, siteSettingsUpdate, type AdminSiteSettings, type NotificationPreferences } from '@parley/protocol';
import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { parseBody } from '../http/parse-body';
import { getSite, settingsOf, type Site } from '../sites/sites';
import { agentPreferences, sites } from '../store/schema';
import { adminOf, agentOf } from './guards';

const DEFAULT_PREFERENCES: NotificationPreferences = { desktopNotifications: true, sound: true, unreadInTitle: true };

export async function settingsRoutes(app: FastifyInstance, options: { publicUrl: string }): Promise<void> {
  const { db } = app.store;
  const site = (): Site => getSite(app.store, app.defaultSite.id) ?? app.defaultSite;
  const adminSettings = (current: Site): AdminSiteSettings => ({
    settings: settingsOf(current),
    allowedOrigins: current.allowedOrigins,
    siteKey: current.key,
    publicUrl: options.publicUrl.replace(/\/$/, ''),
  });

  app.get('/api/v1/console/settings', async (request) => {
    adminOf(request);
    return adminSettings(site());
  });

  app.put('/api/v1/console/settings', async (request) => {
    adminOf(request);
    const { settings, allowedOrigins } = parseBody(siteSettingsUpdate, request.body);
    const { name, ...look } = settings;
    db.update(sites).set({ name, settings: look, allowedOrigins: [...new Set(allowedOrigins)] }).where(eq(sites.id, app.defaultSite.id)).run();
    return adminSettings(site());
  });

  app.get('/api/v1/console/preferences', async (request) => {
    const agent = agentOf(request);
    const row = db.select().from(agentPreferences).where(eq(agentPreferences.agentId, agent.id)).get();
    return row ? { desktopNotifications: row.desktopNotifications, sound: row.sound, unreadInTitle: row.unreadInTitle } : DEFAULT_PREFERENCES;
  });

  app.put('/api/v1/console/preferences', async (request) => {
    const agent = agentOf(request);
    const preferences = parseBody(notificationPreferences, request.body);
    db.insert(agentPreferences)
      .values({ agentId: agent.id, ...preferences })
      .onConflictDoUpdate({ target: agentPreferences.agentId, set: preferences })
      .run();
    return preferences;
  });
}
