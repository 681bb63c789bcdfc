/** A friendly, stable name for a shopper who has not said who they are: "Amber Otter". */
const ADJECTIVES = ['Amber', 'Brave', 'Calm', 'Daring', 'Eager', 'Gentle', 'Happy', 'Jolly', 'Kind', 'Lucky', 'Merry', 'Noble', 'Quiet', 'Swift', 'Sunny', 'Witty'];
const ANIMALS = ['Otter', 'Fox', 'Heron', 'Badger', 'Panda', 'Koala', 'Lynx', 'Robin', 'Seal', 'Wren', 'Hare', 'Owl', 'Finch', 'Moose', 'Gecko', 'Yak'];

export function anonymousName(visitorId: string): string {
  let hash = 2166136261;
  for (let i = 0; i < visitorId.length; i += 1) hash = Math.imul(hash ^ visitorId.charCodeAt(i), 16777619) >>> 0;
  return `${ADJECTIVES[hash % ADJECTIVES.length]} ${ANIMALS[(hash >>> 8) % ANIMALS.length]}`;
}

/** What the inbox calls a shopper: their name, else their email, else a friendly anonymous name. */
export function displayName(visitor: { id: string; name: string | null; email: string | null }): string {
  return visitor.name?.trim() || visitor.email || anonymousName(visitor.id);
}
