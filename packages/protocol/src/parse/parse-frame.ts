/**
 * Parses an incoming frame from `unknown` text at the edge: JSON, then the frame type, then the schema.
 * Every failure maps to one stable error code, and the caller's `ref` is kept so it can be echoed back.
 */
import { z } from 'zod';
import type { ErrorCode } from '../errors/codes';

export type FrameParseResult<T> =
  | { ok: true; frame: T }
  | { ok: false; code: ErrorCode; message: string; ref?: string };

type FrameUnion = z.ZodDiscriminatedUnion<readonly z.ZodObject<{ type: z.ZodLiteral<string> }>[]>;

/** The `type` values a discriminated union of frames accepts. */
export function frameTypes(union: FrameUnion): ReadonlySet<string> {
  return new Set(union.options.map((option) => option.shape.type.value));
}

/** Parses `raw` (the text of a frame) against `union`. Never throws. */
export function parseFrame<U extends FrameUnion>(
  union: U,
  types: ReadonlySet<string>,
  raw: string,
): FrameParseResult<z.infer<U>> {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return { ok: false, code: 'bad_json', message: 'The frame is not valid JSON.' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, code: 'invalid_frame', message: 'A frame is a JSON object with a "type".' };
  }
  const record = value as Record<string, unknown>;
  // Commands correlate by `ref`; messages by their `clientId`, so a refused message can be marked failed.
  const correlation = typeof record.ref === 'string' ? record.ref : record.clientId;
  const ref = typeof correlation === 'string' && correlation.length <= 64 ? correlation : undefined;
  const withRef = ref === undefined ? {} : { ref };
  if (typeof record.type !== 'string' || !types.has(record.type)) {
    const shown = typeof record.type === 'string' ? record.type.slice(0, 40) : String(record.type);
    return { ok: false, code: 'unknown_frame', message: `Unknown frame type "${shown}".`, ...withRef };
  }
  const parsed = union.safeParse(value);
  if (parsed.success) return { ok: true, frame: parsed.data };
  const tooLong = parsed.error.issues.find((issue) => issue.path[0] === 'text' && issue.code === 'too_big');
  if (tooLong) return { ok: false, code: 'message_too_long', message: tooLong.message, ...withRef };
  return { ok: false, code: 'invalid_frame', message: describe(parsed.error), ...withRef };
}

/** A short, safe description of what was wrong: the first issue's path and message. */
function describe(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'The frame does not match its schema.';
  const path = issue.path.length > 0 ? issue.path.join('.') : 'frame';
  return `${path}: ${issue.message}`.slice(0, 200);
}
