/**
 * Admin calls for when nobody can answer, under `/api/v1/console`: the FAQ (list, add, edit, delete,
 * import CSV or JSON), the fallback settings (notification emails, accept timeout, business hours), and
 * the mail outbox (state of every email, retry). Any agent may read the mail status for the console's
 * "email is not set up" banner.
 */
import { fallbackSettings } from '@parley/protocol';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { adminOf, agentOf, guardConsoleRoutes } from '../console-api/guards';
import { ParleyError } from '../errors/parley-error';
import { parseFaqCsv, type FaqInput } from '../faq/faq';
import { businessHours } from '../hours/business-hours';
import { parseBody } from '../http/parse-body';
import { getSite } from '../sites/sites';
import { fallbackSettingsOf, saveFallbackSettings } from './settings';

const faqInput = z.object({
  question: z.string().trim().min(1).max(500),
  answer: z.string().trim().min(1).max(4000),
  keywords: z.string().trim().max(500).optional(),
});
const faqImport = z.union([
  z.object({ format: z.literal('csv'), data: z.string().max(1_000_000) }),
  z.object({ format: z.literal('json'), data: z.array(faqInput).max(2000) }),
]);

export async function fallbackAdminRoutes(app: FastifyInstance, options: { publicUrl: string }): Promise<void> {
  guardConsoleRoutes(app, options.publicUrl);
  const site = () => getSite(app.store, app.defaultSite.id) ?? app.defaultSite;

  app.get('/api/v1/console/faq', async (request) => {
    agentOf(request);
    return { entries: app.faq.list(site().id) };
  });

  app.post('/api/v1/console/faq', async (request, reply) => {
    adminOf(request);
    return reply.code(201).send({ entry: app.faq.create(site().id, parseBody(faqInput, request.body)) });
  });

  app.put('/api/v1/console/faq/:id', async (request) => {
    adminOf(request);
    const entry = app.faq.update(site().id, (request.params as { id: string }).id, parseBody(faqInput, request.body));
    if (!entry) throw new ParleyError('not_found');
    return { entry };
  });

  app.delete('/api/v1/console/faq/:id', async (request, reply) => {
    adminOf(request);
    if (!app.faq.remove(site().id, (request.params as { id: string }).id)) throw new ParleyError('not_found');
    return reply.code(204).send();
  });

  app.post('/api/v1/console/faq/import', async (request) => {
    adminOf(request);
    const body = parseBody(faqImport, request.body);
    let entries: FaqInput[];
    try {
      entries = body.format === 'csv' ? parseFaqCsv(body.data).map((entry) => faqInput.parse(entry)) : body.data;
    } catch (error) {
      throw new ParleyError('invalid_body', error instanceof Error ? error.message.slice(0, 200) : 'Invalid CSV.');
    }
    return { imported: app.faq.importAll(site().id, entries) };
  });

  app.get('/api/v1/console/fallback-settings', async (request) => {
    adminOf(request);
    return fallbackSettingsOf(site());
  });

  app.put('/api/v1/console/fallback-settings', async (request) => {
    adminOf(request);
    const settings = parseBody(fallbackSettings, request.body);
    parseBody(businessHours, settings.businessHours);
    saveFallbackSettings(app.store, site(), settings);
    return fallbackSettingsOf(site());
  });

  app.get('/api/v1/console/mail/status', async (request) => {
    agentOf(request);
    const recipients = fallbackSettingsOf(site()).notificationEmails.length;
    return { smtpConfigured: app.mail.configured, recipients, ...app.mail.counts() };
  });

  app.get('/api/v1/console/mail', async (request) => {
    adminOf(request);
    const mails = app.mail.list(200).map(({ text: _text, html: _html, ...mail }) => mail);
    return { counts: app.mail.counts(), mails };
  });

  app.post('/api/v1/console/mail/:id/retry', async (request) => {
    adminOf(request);
    if (!(await app.mail.retry((request.params as { id: string }).id))) throw new ParleyError('not_found');
    return { retried: true };
  });
}
