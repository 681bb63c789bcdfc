/** Request and response bodies of the REST API (`/api/v1`). */
import { z } from 'zod';
import { agentView, siteSettings } from '../shared/views';

/** `POST /api/v1/visitor/sessions` */
export const visitorSessionRequest = z.object({ siteKey: z.string().min(1).max(64) });
export const visitorSessionResponse = z.object({
  visitorId: z.string(),
  /** Shown once. Keep it in the widget's storage; it is stored hashed on the server. */
  token: z.string(),
});

/** `GET /api/v1/sites/:siteKey/settings`: public, read by the widget before it opens. */
export const publicSiteSettings = siteSettings;

/** `GET /api/v1/setup` */
export const setupStatus = z.object({ needed: z.boolean() });

const email = z.email().max(254).transform((value) => value.toLowerCase());
const password = z.string().min(8, 'Use at least 8 characters.').max(256);

/** `POST /api/v1/setup`: creates the first admin while no agent exists. */
export const setupRequest = z.object({
  storeName: z.string().trim().min(1).max(120),
  name: z.string().trim().min(1).max(120),
  email,
  password,
});

/** `POST /api/v1/auth/login` */
export const loginRequest = z.object({ email, password: z.string().min(1).max(256) });

/** `GET /api/v1/me`, and the answer to setup and login. */
export const meResponse = z.object({ agent: agentView });

/** `GET /healthz` */
export const healthResponse = z.object({ status: z.literal('ok') });

/** Every 4xx/5xx answer. */
export const errorBody = z.object({ error: z.object({ code: z.string(), message: z.string() }) });

export type VisitorSessionRequest = z.infer<typeof visitorSessionRequest>;
export type VisitorSessionResponse = z.infer<typeof visitorSessionResponse>;
export type SetupRequest = z.infer<typeof setupRequest>;
export type LoginRequest = z.infer<typeof loginRequest>;
export type MeResponse = z.infer<typeof meResponse>;
export type ErrorBody = z.infer<typeof errorBody>;
