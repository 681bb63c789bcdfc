/**
 * The demo storefront: a few products on their own origin (its own port), embedding Parley with the
 * script tag as a real store would. It computes the customer's userHash on the server, like a store's
 * backend must (the identity secret never reaches the browser). Each browser is signed in as its own
 * customer (kept in a cookie), so two browsers are two shoppers.
 */
import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { customAlphabet } from 'nanoid';
import { CUSTOMER_KEY, customerFor, findProduct } from './catalog';
import { listPage, productPage, type Embed } from './pages';

export interface DemoStoreOptions {
  port: number;
  host: string;
  /** Where browsers reach Parley. */
  parleyUrl: string;
  siteKey: string;
  identitySecret: string;
}

export interface DemoStore {
  url: string;
  close(): Promise<void>;
}

export function userHash(secret: string, customerId: string): string {
  return createHmac('sha256', secret).update(customerId).digest('hex');
}

const COOKIE = 'demo_customer';

/** The browser's customer key from its cookie, or null when it has none (or not one of ours). */
function customerKeyOf(request: IncomingMessage): string | null {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [name, value] = part.trim().split('=');
    if (name === COOKIE && value && CUSTOMER_KEY.test(value)) return value;
  }
  return null;
}

const newCustomerKey = customAlphabet('abcdefghijklmnopqrstuvwxyz0123456789', 10);

export async function startDemoStore(options: DemoStoreOptions): Promise<DemoStore> {
  const server: Server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://store').pathname;
    if (path === '/favicon.ico') {
      response.statusCode = 204;
      response.end();
      return;
    }
    let key = customerKeyOf(request);
    if (!key) {
      key = newCustomerKey();
      response.setHeader('set-cookie', `${COOKIE}=${key}; Path=/; Max-Age=2592000; SameSite=Lax; HttpOnly`);
    }
    const customer = customerFor(key);
    const embed: Embed = { parleyUrl: options.parleyUrl, siteKey: options.siteKey, customer, userHash: userHash(options.identitySecret, customer.id) };
    const product = path.startsWith('/products/') ? findProduct(path.slice('/products/'.length)) : undefined;
    const html = path === '/' ? listPage(embed) : product ? productPage(product, embed) : undefined;
    response.setHeader('content-type', 'text/html; charset=utf-8');
    response.statusCode = html ? 200 : 404;
    response.end(html ?? '<!doctype html><title>Not found</title><p>Not found. <a href="/">Back to the store</a></p>');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const shownHost = options.host === '0.0.0.0' || options.host === '::' ? 'localhost' : options.host;
  return {
    url: `http://${shownHost}:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
