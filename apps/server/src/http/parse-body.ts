/** Parses a REST body from `unknown` with its protocol schema; failures become `invalid_body` (400). */
import type { z } from 'zod';
import { ParleyError } from '../errors/parley-error';

export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.infer<S> {
  const parsed = schema.safeParse(body ?? {});
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  throw new ParleyError('invalid_body', `${where}${issue?.message ?? 'Invalid body.'}`.slice(0, 200));
}
