/** The demo store's products and its logged-in customer. */
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

/** The demo's signed-in customer: identified to Parley with a verified hash. */
export const CUSTOMER = { id: 'cust-1001', name: 'Kim Lee', email: 'kim.lee@example.com', lastOrder: 'BB-20418', plan: 'Boot Club' };

export function findProduct(slug: string): Product | undefined {
  return PRODUCTS.find((product) => product.slug === slug);
}
