/**
 * The transcript: each message with its author and time; the agents' replies show sending / delivered /
 * read; internal notes stand out and say they are notes; the FAQ bot's answers are labelled as automatic,
 * and its "nothing matched" turns are a muted line. All text is rendered as text.
 */
import type { MessageView } from '@parley/protocol';
import { useEffect, useRef } from 'preact/hooks';
import { RichText } from '../../lib/RichText';
import { clockTime } from '../../lib/time';
import { STRINGS, t } from '../../strings';

/** A message as the console shows it: stored, or still on its way. */
export type DisplayMessage = MessageView & { pending?: 'sending' | 'failed' };

export interface TranscriptProps {
  messages: DisplayMessage[];
  visitorName: string;
  visitorReadSeq: number;
  typingName: string | undefined;
}

export function Transcript(props: TranscriptProps) {
  const end = useRef<HTMLDivElement>(null);
  useEffect(() => end.current?.scrollIntoView?.({ block: 'end' }), [props.messages.length, props.typingName]);
  return (
    <div class="transcript" role="log" aria-live="polite">
      {props.messages.map((message) =>
        message.bot?.kind === 'no_match' ? (
          <p key={message.clientId ?? message.id} class="system-line" data-testid="message">
            {STRINGS.noMatchLine} <time dateTime={new Date(message.createdAt).toISOString()}>{clockTime(message.createdAt)}</time>
          </p>
        ) : (
          <article key={message.clientId ?? message.id} class={classOf(message)} data-testid="message">
            <header>
              <span class="author">{authorName(message, props.visitorName)}</span>
              {message.internal && <span class="note-label">{STRINGS.internalNote}</span>}
              {message.bot?.kind === 'faq_answer' && <span class="bot-label">{STRINGS.faqBotLabel}</span>}
              <time dateTime={new Date(message.createdAt).toISOString()}>{clockTime(message.createdAt)}</time>
            </header>
            <p class="text">
              <RichText text={message.text} />
            </p>
            {message.author.type === 'agent' && !message.internal && <footer class="state">{stateOf(message, props.visitorReadSeq)}</footer>}
          </article>
        ),
      )}
      {props.typingName !== undefined && <p class="typing">{t('visitorTyping', { name: props.typingName || props.visitorName })}</p>}
      <div ref={end} />
    </div>
  );
}

function classOf(message: DisplayMessage): string {
  return ['message', `from-${message.author.type}`, message.bot ? 'bot-answer' : '', message.internal ? 'note' : '', message.pending ? `pending-${message.pending}` : '']
    .filter(Boolean)
    .join(' ');
}

function authorName(message: MessageView, visitorName: string): string {
  switch (message.author.type) {
    case 'visitor':
      return visitorName;
    case 'agent':
      return message.author.name ?? STRINGS.roleAgent;
    case 'bot':
      return message.author.name ?? STRINGS.authorBot;
    case 'system':
      return STRINGS.authorSystem;
  }
}

/** How many of these messages the FAQ bot answered. */
export function botAnswerCount(messages: MessageView[]): number {
  return messages.filter((message) => message.bot?.kind === 'faq_answer').length;
}

function stateOf(message: DisplayMessage, visitorReadSeq: number): string {
  if (message.pending === 'sending') return STRINGS.sending;
  if (message.pending === 'failed') return STRINGS.failed;
  return message.seq <= visitorReadSeq ? STRINGS.read : STRINGS.delivered;
}
