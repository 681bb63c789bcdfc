import { describe, expect, it } from 'vitest';
import type { MessageView } from '@parley/protocol';
import { notificationMail, receiptMail, shopperStrings, SHOPPER_MAIL_STRINGS, transcriptMail } from './templates';

const message = (type: 'visitor' | 'agent' | 'bot', text: string, name: string | null = null): MessageView =>
  ({ id: text, conversationId: 'c', seq: 1, clientId: null, author: { type, id: null, name }, text, internal: false, createdAt: 0 }) as MessageView;

describe('mail templates', () => {
  it("picks the shopper's language from the widget's locale, English when there is none for it", () => {
    expect(shopperStrings('de')).toBe(SHOPPER_MAIL_STRINGS.de);
    expect(shopperStrings('fr-CA')).toBe(SHOPPER_MAIL_STRINGS.fr);
    expect(shopperStrings('ES')).toBe(SHOPPER_MAIL_STRINGS.es);
    expect(shopperStrings('pt-BR')).toBe(SHOPPER_MAIL_STRINGS.en);
    expect(shopperStrings(null)).toBe(SHOPPER_MAIL_STRINGS.en);
  });

  it('has every shopper string in every language, with the same placeholders', () => {
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();
    for (const strings of Object.values(SHOPPER_MAIL_STRINGS)) {
      expect(Object.keys(strings)).toEqual(Object.keys(SHOPPER_MAIL_STRINGS.en));
      for (const [key, text] of Object.entries(strings)) expect(placeholders(text)).toEqual(placeholders(SHOPPER_MAIL_STRINGS.en[key as keyof typeof SHOPPER_MAIL_STRINGS.en]));
    }
  });

  it("writes the shopper's receipt and transcript in their language, with every value escaped", () => {
    const receipt = receiptMail('Boot <Barn>', 'Kim', 'kim@shop.example', '<b>44?</b>', 'fr');
    expect(receipt.subject).toBe('Nous avons bien reçu votre message — Boot <Barn>');
    expect(receipt.html).toContain('&lt;b&gt;44?&lt;/b&gt;');
    expect(receipt.html).not.toContain('<b>');
    const transcript = transcriptMail('Boot Barn', [message('visitor', 'Hola'), message('bot', 'Envíos en 2 días'), message('agent', 'Hola Kim', 'Ana')], 'es');
    expect(transcript.text).toContain('Tú: Hola');
    expect(transcript.text).toContain('Boot Barn (respuesta automática): Envíos en 2 días');
    expect(transcript.text).toContain('Ana: Hola Kim');
  });

  it("names the shopper's lines in the store's notification (it is not the store's own words)", () => {
    const mail = notificationMail('Boot Barn', 'Kim', 'kim@shop.example', [message('visitor', 'Size 44?')]);
    expect(mail.text).toContain('Shopper: Size 44?');
  });
});
