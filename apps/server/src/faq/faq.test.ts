import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ensureDefaultSite } from '../sites/sites';
import { openStore, type Store } from '../store/database';
import { Faq, parseFaqCsv, searchTerms } from './faq';
import { tempDir } from '../../test/support/temp-dir';

const ENTRIES = [
  { question: 'What are your shipping times?', answer: 'Orders ship within 2 business days; delivery takes 3–5 days.', keywords: 'delivery, deliver, arrive, how long' },
  { question: 'How do I return an item?', answer: 'Send it back within 30 days with the return label in the box.', keywords: 'refund, exchange, send back' },
  { question: 'Do you ship internationally?', answer: 'We ship to the EU, the UK, Norway and Switzerland.', keywords: 'abroad, countries, international, overseas' },
  { question: 'Which payment methods do you accept?', answer: 'Cards, PayPal and bank transfer.', keywords: 'pay, card, paypal, invoice' },
  { question: 'How do I find my size?', answer: 'Use the size chart on each product page; boots run true to size.', keywords: 'fit, sizing, measurements, too small, too big' },
  { question: 'Can I change or cancel my order?', answer: 'Within one hour of ordering, from your account page.', keywords: 'cancel, modify, edit order, mistake' },
  { question: 'Do you have gift cards?', answer: 'Yes, from 10 to 500 EUR. They never expire.', keywords: 'gift, voucher, present' },
  { question: 'Where is my order?', answer: 'The tracking link is in your shipping confirmation email.', keywords: 'track, tracking, parcel, package, status' },
  { question: 'Are your products sustainable?', answer: 'Our leather is tanned without chrome and our boxes are recycled.', keywords: 'eco, environment, leather, vegan' },
  { question: 'How do I care for leather boots?', answer: 'Clean with a damp cloth and use wax twice a season.', keywords: 'clean, polish, wax, maintenance' },
];

describe('FAQ matching', () => {
  let store: Store;
  let faq: Faq;
  let siteId: string;

  beforeEach(() => {
    store = openStore(join(tempDir('faq'), 'parley.db'));
    siteId = ensureDefaultSite(store).site.id;
    faq = new Faq(store);
    faq.importAll(siteId, ENTRIES);
  });
  afterEach(() => store.close());

  it.each([
    ['How long until my parcel arrives?', 'What are your shipping times?'],
    ['when will my order be delivered', 'What are your shipping times?'],
    ['Can I get a refund for these shoes?', 'How do I return an item?'],
    ['I want to send back the jacket', 'How do I return an item?'],
    ['Can you ship it overseas?', 'Do you ship internationally?'],
    ['do you have these boots in size 44', 'How do I find my size?'],
    ['my package has not arrived', 'Where is my order?'],
    ['can I pay with paypal', 'Which payment methods do you accept?'],
  ])('answers the paraphrase "%s"', (question, expected) => {
    expect(faq.best(siteId, question)?.entry.question).toBe(expected);
  });

  it.each(['Is the store dog friendly?', 'hello', 'What is the meaning of life?', '', 'shipping cost', 'boots'])('returns nothing under the threshold for "%s"', (question) => {
    expect(faq.best(siteId, question)).toBeUndefined();
  });

  it('still answers from a FAQ with only one or two entries', () => {
    const otherSite = ensureDefaultSite(store).site.id;
    const tiny = new Faq(store);
    store.sqlite.prepare('DELETE FROM faq_entries').run();
    tiny.create(otherSite, { question: 'Do you sell gift cards?', answer: 'Yes, from 10 to 500 EUR.', keywords: 'voucher, present' });
    expect(tiny.best(otherSite, 'gift cards please')?.entry.answer).toBe('Yes, from 10 to 500 EUR.');
    expect(tiny.best(otherSite, 'can I buy a voucher')?.entry.answer).toBe('Yes, from 10 to 500 EUR.');
    expect(tiny.best(otherSite, 'where is my parcel')).toBeUndefined();
    expect(tiny.best(otherSite, 'gift wrapping for my order')).toBeUndefined();
  });

  it('follows edits and deletions', () => {
    const [returns] = faq.search(siteId, 'refund');
    expect(returns).toBeDefined();
    faq.remove(siteId, returns!.entry.id);
    expect(faq.best(siteId, 'refund please')).toBeUndefined();
  });

  it('keeps FTS syntax out of the query', () => {
    expect(searchTerms('ship* NEAR("a" b) AND -x')).toEqual(['"ship"', '"near"']);
    expect(() => faq.search(siteId, '"unbalanced AND (')).not.toThrow();
  });

  it('parses CSV imports with quotes, commas and newlines', () => {
    const csv = 'question,answer,keywords\n"Gift cards?","Yes, from 10 to 500 EUR.\nThey never expire.","gift, voucher"\r\nEmpty,,\n';
    expect(parseFaqCsv(csv)).toEqual([{ question: 'Gift cards?', answer: 'Yes, from 10 to 500 EUR.\nThey never expire.', keywords: 'gift, voucher' }]);
    expect(() => parseFaqCsv('q,a\nx,y')).toThrow(/header/);
  });
});
