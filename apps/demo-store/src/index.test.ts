import { createHmac } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { startDemoStore, type DemoStore } from './index';
import { escape } from './pages';

describe('the demo store', () => {
  let store: DemoStore;
  afterEach(async () => store.close());

  /** The identity a page hands to Parley('identify'). */
  const identityIn = (html: string) => JSON.parse(/Parley\('identify', (\{.*?\})\);/.exec(html)![1]!) as { id: string; name: string; email: string; userHash: string };

  it('serves product pages that embed Parley with a verified identity and the cart', async () => {
    store = await startDemoStore({ port: 0, host: '127.0.0.1', parleyUrl: 'http://127.0.0.1:3000', siteKey: 'site_demo', identitySecret: 's3cret' });
    const home = await (await fetch(store.url)).text();
    expect(home).toContain('<script async src="http://127.0.0.1:3000/widget.js" data-site="site_demo"></script>');
    const identity = identityIn(home);
    expect(identity.id).toMatch(/^cust-[a-z0-9]{10}$/);
    expect(identity.userHash).toBe(createHmac('sha256', 's3cret').update(identity.id).digest('hex'));
    expect(home).toContain(`Signed in as ${escape(identity.name)}`);
    expect(home).not.toContain('s3cret');
    expect(home).toContain("Parley('setAttributes'");
    const product = await fetch(`${store.url}/products/chelsea-boot`);
    expect(product.status).toBe(200);
    expect(await product.text()).toContain('Chelsea boot');
    expect((await fetch(`${store.url}/products/nope`)).status).toBe(404);
  });

  it('signs each browser in as its own customer, and keeps it across visits', async () => {
    store = await startDemoStore({ port: 0, host: '127.0.0.1', parleyUrl: 'http://127.0.0.1:3000', siteKey: 'site_demo', identitySecret: 's3cret' });
    const first = await fetch(store.url);
    const cookie = first.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^demo_customer=[a-z0-9]{10}; Path=\/; Max-Age=\d+; SameSite=Lax; HttpOnly$/);
    const firstIdentity = identityIn(await first.text());
    // The same browser (its cookie) on another page: the same customer, and no new cookie.
    const again = await fetch(`${store.url}/products/loafer`, { headers: { cookie: `theme=dark; ${cookie.split(';')[0]}` } });
    expect(again.headers.get('set-cookie')).toBeNull();
    expect(identityIn(await again.text())).toEqual(firstIdentity);
    // Another browser: another customer, so its chat is not the first one's.
    const other = identityIn(await (await fetch(store.url)).text());
    expect(other.id).not.toBe(firstIdentity.id);
    // A cookie that is not one of ours is replaced, not trusted.
    const forged = await fetch(store.url, { headers: { cookie: 'demo_customer=../admin' } });
    expect(forged.headers.get('set-cookie')).toMatch(/^demo_customer=[a-z0-9]{10};/);
    expect(identityIn(await forged.text()).id).toMatch(/^cust-[a-z0-9]{10}$/);
  });

  it('escapes everything it renders', () => {
    expect(escape('<script>"x"&\'y\'</script>')).toBe('&lt;script&gt;&quot;x&quot;&amp;&#39;y&#39;&lt;/script&gt;');
  });
});
