/**
 * Email bodies: plain text plus a simple HTML version with the site's name. Every value is escaped;
 * the wording lives in two tables: the shopper's mails in the widget's languages, the store's in English.
 */
import type { MessageView } from '@parley/protocol';

/** What the store's own people read (the notification): in English. */
export const MAIL_STRINGS = {
  notificationSubject: 'New message from {name} ({email}) — {site}',
  notificationIntro: '{name} <{email}> left a message while nobody could answer. Reply to this email to answer them, or open the console.',
  conversationSoFar: 'The conversation so far:',
  you: 'Shopper',
  bot: '{site} (automatic answer)',
} as const;

/** What the shopper reads (receipt, reply, transcript), in the widget's languages; the widget's choice is theirs. */
export const SHOPPER_MAIL_STRINGS = {
  en: {
    receiptSubject: 'We got your message — {site}',
    receiptIntro: 'Hi {name}, thanks for writing to {site}. We will reply to {email} as soon as we can.',
    yourMessage: 'Your message:',
    replySubject: 'Re: your message to {site}',
    replyIntro: '{agent} from {site} replied:',
    replyFooter: 'Reply to this email, or come back to the chat on our site.',
    transcriptSubject: 'Your conversation with {site}',
    transcriptIntro: 'Here is your conversation with {site}:',
    you: 'You',
    bot: '{site} (automatic answer)',
  },
  de: {
    receiptSubject: 'Wir haben Ihre Nachricht erhalten — {site}',
    receiptIntro: 'Hallo {name}, danke für Ihre Nachricht an {site}. Wir antworten so bald wie möglich an {email}.',
    yourMessage: 'Ihre Nachricht:',
    replySubject: 'Re: Ihre Nachricht an {site}',
    replyIntro: '{agent} von {site} hat geantwortet:',
    replyFooter: 'Antworten Sie auf diese E-Mail oder kommen Sie zurück in den Chat auf unserer Website.',
    transcriptSubject: 'Ihr Gespräch mit {site}',
    transcriptIntro: 'Hier ist Ihr Gespräch mit {site}:',
    you: 'Sie',
    bot: '{site} (automatische Antwort)',
  },
  es: {
    receiptSubject: 'Hemos recibido tu mensaje — {site}',
    receiptIntro: 'Hola {name}, gracias por escribir a {site}. Te responderemos a {email} lo antes posible.',
    yourMessage: 'Tu mensaje:',
    replySubject: 'Re: tu mensaje a {site}',
    replyIntro: '{agent} de {site} ha respondido:',
    replyFooter: 'Responde a este correo o vuelve al chat en nuestra web.',
    transcriptSubject: 'Tu conversación con {site}',
    transcriptIntro: 'Esta es tu conversación con {site}:',
    you: 'Tú',
    bot: '{site} (respuesta automática)',
  },
  fr: {
    receiptSubject: 'Nous avons bien reçu votre message — {site}',
    receiptIntro: 'Bonjour {name}, merci d’avoir écrit à {site}. Nous vous répondrons à {email} dès que possible.',
    yourMessage: 'Votre message :',
    replySubject: 'Re : votre message à {site}',
    replyIntro: '{agent} de {site} a répondu :',
    replyFooter: 'Répondez à cet e-mail, ou revenez sur le chat de notre site.',
    transcriptSubject: 'Votre conversation avec {site}',
    transcriptIntro: 'Voici votre conversation avec {site} :',
    you: 'Vous',
    bot: '{site} (réponse automatique)',
  },
} as const;

type ShopperStrings = Record<keyof (typeof SHOPPER_MAIL_STRINGS)['en'], string>;

/** The shopper's language from their locale (`de-AT` → German), English when the widget has none for it. */
export function shopperStrings(locale: string | null | undefined): ShopperStrings {
  const language = (locale ?? '').toLowerCase().split(/[-_]/)[0] as keyof typeof SHOPPER_MAIL_STRINGS;
  return SHOPPER_MAIL_STRINGS[language] ?? SHOPPER_MAIL_STRINGS.en;
}

type Values = Record<string, string>;

function fill(template: string, values: Values): string {
  return template.replace(/\{(\w+)\}/g, (match, key: string) => values[key] ?? match);
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char]!);
}

interface Body {
  subject: string;
  text: string;
  html: string;
}

function compose(site: string, subject: string, paragraphs: string[], quoted: string[] = []): Body {
  const text = [...paragraphs, ...quoted].join('\n\n') + `\n\n— ${site}\n`;
  const html =
    `<div style="font-family:system-ui,sans-serif;font-size:15px;line-height:1.5;color:#111">` +
    paragraphs.map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`).join('') +
    quoted.map((q) => `<blockquote style="margin:0 0 12px;padding:8px 12px;border-left:3px solid #ccc;white-space:pre-wrap">${escapeHtml(q)}</blockquote>`).join('') +
    `<p style="color:#666">— ${escapeHtml(site)}</p></div>`;
  return { subject, text, html };
}

function transcriptLines(messages: MessageView[], site: string, words: { you: string; bot: string }): string[] {
  return messages
    .filter((message) => !message.internal)
    .map((message) => {
      const who =
        message.author.type === 'visitor'
          ? words.you
          : message.author.type === 'bot'
            ? fill(words.bot, { site })
            : (message.author.name ?? site);
      return `${who}: ${message.text}`;
    });
}

export function receiptMail(site: string, name: string, email: string, message: string, locale?: string | null): Body {
  const words = shopperStrings(locale);
  const v = { site, name, email };
  return compose(site, fill(words.receiptSubject, v), [fill(words.receiptIntro, v), words.yourMessage], [message]);
}

export function notificationMail(site: string, name: string, email: string, messages: MessageView[]): Body {
  const v = { site, name, email };
  return compose(site, fill(MAIL_STRINGS.notificationSubject, v), [fill(MAIL_STRINGS.notificationIntro, v), MAIL_STRINGS.conversationSoFar], transcriptLines(messages, site, MAIL_STRINGS));
}

export function replyMail(site: string, agent: string, reply: string, locale?: string | null): Body {
  const words = shopperStrings(locale);
  const v = { site, agent };
  return compose(site, fill(words.replySubject, v), [fill(words.replyIntro, v)], [reply, words.replyFooter]);
}

export function transcriptMail(site: string, messages: MessageView[], locale?: string | null): Body {
  const words = shopperStrings(locale);
  return compose(site, fill(words.transcriptSubject, { site }), [fill(words.transcriptIntro, { site })], transcriptLines(messages, site, words));
}
