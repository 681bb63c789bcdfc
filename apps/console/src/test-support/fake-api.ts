/**
 * A fake console server for component tests: stubs `fetch` with routes like `'PUT /api/v1/console/faq/*'`
 * (`*` matches one path segment or a query), records every call, and answers JSON. Tests use `reply(400,
 * …)` for errors and read `calls` to check what the screen sent.
 */
import { vi } from 'vitest';

export interface FakeCall {
  method: string;
  path: string;
  body: unknown;
}

class Reply {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {}
}

/** An answer with a status; a plain value answers 200 with it as JSON. */
export function reply(status: number, body?: unknown): Reply {
  return new Reply(status, body);
}

/** The body the server sends for a failed call. */
export function failure(status: number, code: string, message = code): Reply {
  return reply(status, { error: { code, message } });
}

type Route = unknown | ((call: FakeCall) => unknown);

function matches(key: string, method: string, path: string): boolean {
  const [keyMethod, keyPath] = key.split(' ');
  if (keyMethod !== method) return false;
  const pattern = keyPath!.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]+');
  return new RegExp(`^${pattern}$`).test(path);
}

export function fakeApi(routes: Record<string, Route>) {
  const calls: FakeCall[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (path: string, init: RequestInit = {}) => {
      const method = init.method ?? 'GET';
      const call = { method, path, body: typeof init.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined };
      calls.push(call);
      const key = Object.keys(routes).find((candidate) => matches(candidate, method, path));
      const route = key === undefined ? failure(404, 'not_found') : routes[key];
      const answer = typeof route === 'function' ? (route as (call: FakeCall) => unknown)(call) : route;
      const { status, body } = answer instanceof Reply ? answer : { status: 200, body: answer };
      return new Response(body === undefined ? null : JSON.stringify(body), { status });
    }),
  );
  return {
    calls,
    /** Calls with this method whose path starts with `prefix`. */
    sent: (method: string, prefix: string) => calls.filter((call) => call.method === method && call.path.startsWith(prefix)),
  };
}
