/**
 * The demo store's pages, rendered as plain HTML strings (every value escaped). Each page embeds Parley
 * exactly as a store would: the queue stub, `identify` with a server-computed userHash, `setAttributes`
 * with the cart, and the script tag.
 */
import { PRODUCTS, type Customer, type Product } from './catalog';

export interface Embed {
  parleyUrl: string;
  siteKey: string;
  /** The browser's signed-in customer. */
  customer: Customer;
  /** HMAC-SHA256(identity secret, customer id), computed by the store's server. */
  userHash: string;
}

export function escape(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char]!);
}

const STYLE = `
*{box-sizing:border-box}body{margin:0;font:16px/1.5 Georgia,serif;color:#2b1d16;background:#faf6f0}
header{display:flex;justify-content:space-between;align-items:center;padding:18px 32px;background:#2b1d16;color:#faf6f0}
header a{color:inherit;text-decoration:none}.logo{font-size:22px;letter-spacing:.04em}
.cart{font:14px system-ui,sans-serif;background:#faf6f0;color:#2b1d16;border:0;border-radius:18px;padding:8px 14px;cursor:pointer}
main{max-width:1040px;margin:0 auto;padding:32px}h1{font-weight:normal;font-size:34px;margin:0 0 8px}
.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(220px,1fr));gap:24px;margin-top:24px}
.card{background:#fff;border-radius:12px;overflow:hidden;text-decoration:none;color:inherit;box-shadow:0 1px 3px rgba(0,0,0,.08)}
.swatch{height:170px}.card div{padding:14px 16px}.price{font-family:system-ui,sans-serif;color:#7b4a2d}
.detail{display:grid;grid-template-columns:1fr 1fr;gap:40px;align-items:start}.detail .swatch{height:360px;border-radius:12px}
.buy{font:600 15px system-ui,sans-serif;background:#7b4a2d;color:#fff;border:0;border-radius:8px;padding:12px 22px;cursor:pointer;margin-top:16px}
.hello{font:14px system-ui,sans-serif;opacity:.85}footer{text-align:center;padding:40px;font:13px system-ui,sans-serif;opacity:.6}
@media (max-width:700px){.detail{grid-template-columns:1fr}main{padding:20px}}
`;

function layout(title: string, body: string, embed: Embed): string {
  const customer = embed.customer;
  const identity = { id: customer.id, name: customer.name, email: customer.email, userHash: embed.userHash };
  // JSON inside a script: escape "<" so no value can close the tag.
  const json = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escape(title)} — Boot Barn</title><style>${STYLE}</style></head>
<body>
<header><a class="logo" href="/">Boot Barn</a><span class="hello">Signed in as ${escape(customer.name)}</span>
<button class="cart" id="cart" type="button">Cart (0)</button></header>
<main>${body}</main>
<footer>A demo store for Parley. Questions? Use the chat in the corner.</footer>
<script>
  window.Parley = window.Parley || function () { (Parley.q = Parley.q || []).push(arguments); };
  Parley('identify', ${json(identity)});
  var cart = JSON.parse(localStorage.getItem('demo-cart') || '[]');
  function showCart() {
    document.getElementById('cart').textContent = 'Cart (' + cart.length + ')';
    var total = cart.reduce(function (sum, item) { return sum + item.price; }, 0);
    Parley('setAttributes', { cartItems: cart.map(function (item) { return item.name; }).join(', ') || null, cartValue: total, lastOrder: ${json(customer.lastOrder)}, plan: ${json(customer.plan)} });
  }
  document.addEventListener('click', function (event) {
    var button = event.target.closest && event.target.closest('[data-add]');
    if (!button) return;
    cart.push({ name: button.getAttribute('data-name'), price: Number(button.getAttribute('data-price')) });
    localStorage.setItem('demo-cart', JSON.stringify(cart));
    showCart();
  });
  showCart();
</script>
<script async src="${escape(embed.parleyUrl)}/widget.js" data-site="${escape(embed.siteKey)}"></script>
</body></html>`;
}

export function listPage(embed: Embed): string {
  const cards = PRODUCTS.map(
    (product) => `<a class="card" href="/products/${escape(product.slug)}"><span class="swatch" style="display:block;background:${escape(product.colour)}"></span>
<div><strong>${escape(product.name)}</strong><br><span class="price">€${product.price}</span></div></a>`,
  ).join('\n');
  return layout('Boots', `<h1>Boots, made to last</h1><p>Hand-made in small batches. Free returns within 30 days.</p><div class="grid">${cards}</div>`, embed);
}

export function productPage(product: Product, embed: Embed): string {
  const body = `<div class="detail"><div class="swatch" style="background:${escape(product.colour)}"></div>
<div><h1>${escape(product.name)}</h1><p class="price">€${product.price}</p><p>${escape(product.description)}</p>
<button class="buy" type="button" data-add data-name="${escape(product.name)}" data-price="${product.price}">Add to cart</button></div></div>`;
  return layout(product.name, body, embed);
}
