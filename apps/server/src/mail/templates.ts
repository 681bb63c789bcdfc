/**
 * Email bodies: plain text plus a simple HTML version with the site's name. Every value is escaped;
 * the wording lives in one table.
 */
import type { MessageView } from '@parley/protocol';

export const MAIL_STRINGS = {
  receiptSubject: 'We got your message — {site}',
  receiptIntro: 'Hi {name}, thanks for writing to {site}. We will reply to {email} as soon as we can.',
  yourMessage: 'Your message:',
  notificationSubject: 'New message from {name} ({email}) — {site}',
  notificationIntro: '{name} <{email}> left a message while nobody could answer. Reply to this email to answer them, or open the console.',
  conversationSoFar: 'The conversation so far:',
  replySubject: 'Re: your message to {site}',
  replyIntro: '{agent} from {site} replied:',
  replyFooter: 'Reply to this email, or come back to the chat on our site.',
  transcriptSubject: 'Your conversation with {site}',
  transcriptIntro: 'Here is your conversation with {site}:',
  you: 'You',
  bot: '{site} (automatic answer)',
} as const;

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

function transcriptLines(messages: MessageView[], site: string): string[] {
  return messages
    .filter((message) => !message.internal)
    .map((message) => {
      const who =
        message.author.type === 'visitor'
          ? MAIL_STRINGS.you
          : message.author.type === 'bot'
            ? fill(MAIL_STRINGS.bot, { site })
            : (message.author.name ?? site);
      return `${who}: ${message.text}`;
    });
}

export function receiptMail(site: string, name: string, email: string, message: string): Body {
  const v = { site, name, email };
  return compose(site, fill(MAIL_STRINGS.receiptSubject, v), [fill(MAIL_STRINGS.receiptIntro, v), MAIL_STRINGS.yourMessage], [message]);
}

export function notificationMail(site: string, name: string, email: string, messages: MessageView[]): Body {
  const v = { site, name, email };
  return compose(site, fill(MAIL_STRINGS.notificationSubject, v), [fill(MAIL_STRINGS.notificationIntro, v), MAIL_STRINGS.conversationSoFar], transcriptLines(messages, site));
}

export function replyMail(site: string, agent: string, reply: string): Body {
  const v = { site, agent };
  return compose(site, fill(MAIL_STRINGS.replySubject, v), [fill(MAIL_STRINGS.replyIntro, v)], [reply, MAIL_STRINGS.replyFooter]);
}

export function transcriptMail(site: string, messages: MessageView[]): Body {
  return compose(site, fill(MAIL_STRINGS.transcriptSubject, { site }), [fill(MAIL_STRINGS.transcriptIntro, { site })], transcriptLines(messages, site));
}
