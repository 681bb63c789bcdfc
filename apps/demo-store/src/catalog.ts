/** The demo store's products and its signed-in customers. */
export interface Product {
  slug: string;
  name: string;
  price: number;
  colour: string;
  description: string;
}

export const PRODUCTS: Product[] = [
  { slug: 'chelsea-boot', name: 'Chelsea boot', price: 189, colour: '#7b4a2d', description: 'Hand-lasted calf leather on a stitched rubber sole. Runs true to size.' },
  { slug: 'desert-boot', name: 'Desert boot', price: 149, colour: '#c49a6c', description: 'Soft suede, crepe sole, unlined for warm days.' },
  { slug: 'hiking-boot', name: 'Trail boot', price: 219, colour: '#3d4a3a', description: 'Waterproof nubuck with a grippy lug sole for muddy trails.' },
  { slug: 'loafer', name: 'Penny loafer', price: 129, colour: '#2b1d16', description: 'Polished leather slip-on with a leather sole.' },
];

/** A signed-in customer of the demo: identified to Parley with a verified hash. */
export interface Customer {
  id: string;
  name: string;
  email: string;
  lastOrder: string;
  plan: string;
}

const PEOPLE = [
  ['Kim Lee', 'kim.lee'],
  ['Sam Ortiz', 'sam.ortiz'],
  ['Priya Nair', 'priya.nair'],
  ['Jonas Berg', 'jonas.berg'],
  ['Aiko Tanaka', 'aiko.tanaka'],
  ['Lea Fischer', 'lea.fischer'],
  ['Omar Haddad', 'omar.haddad'],
  ['Nora Walsh', 'nora.walsh'],
] as const;

/** What a browser's demo login is kept under (a cookie): ten lowercase letters and digits. */
export const CUSTOMER_KEY = /^[a-z0-9]{10}$/;

/**
 * The customer a browser is signed in as, from its key: each browser is its own customer, so two browsers
 * are two shoppers with their own histories (and one browser stays the same shopper across visits).
 */
export function customerFor(key: string): Customer {
  const n = [...key].reduce((sum, char) => (sum * 31 + char.charCodeAt(0)) % 1_000_003, 7);
  const [name, mailbox] = PEOPLE[n % PEOPLE.length]!;
  return { id: `cust-${key}`, name, email: `${mailbox}@example.com`, lastOrder: `BB-${20000 + (n % 9000)}`, plan: n % 2 === 0 ? 'Boot Club' : 'None' };
}

export function findProduct(slug: string): Product | undefined {
  return PRODUCTS.find((product) => product.slug === slug);
}
