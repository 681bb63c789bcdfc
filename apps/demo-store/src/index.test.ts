import { createHmac } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { startDemoStore, type DemoStore } from './index';
import { escape } from './pages';

describe('the demo store', () => {
  let store: DemoStore;
  afterEach(async () => store.close());

  it('serves product pages that embed Parley with a verified identity and the cart', async () => {
    store = await startDemoStore({ port: 0, host: '127.0.0.1', parleyUrl: 'http://127.0.0.1:3000', siteKey: 'site_demo', identitySecret: 's3cret' });
    const home = await (await fetch(store.url)).text();
    expect(home).toContain('<script async src="http://127.0.0.1:3000/widget.js" data-site="site_demo"></script>');
    const expected = createHmac('sha256', 's3cret').update('cust-1001').digest('hex');
    expect(home).toContain(`"userHash":"${expected}"`);
    expect(home).not.toContain('s3cret');
    expect(home).toContain("Parley('setAttributes'");
    const product = await fetch(`${store.url}/products/chelsea-boot`);
    expect(product.status).toBe(200);
    expect(await product.text()).toContain('Chelsea boot');
    expect((await fetch(`${store.url}/products/nope`)).status).toBe(404);
  });

  it('escapes everything it renders', () => {
    expect(escape('<script>"x"&\'y\'</script>')).toBe('&lt;script&gt;&quot;x&quot;&amp;&#39;y&#39;&lt;/script&gt;');
  });
});
