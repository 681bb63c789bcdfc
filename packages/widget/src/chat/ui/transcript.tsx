/**
 * The transcript: messages in order (the shopper's own on the right), delivery states and retry. Bot
 * messages are labelled as the store's automatic answer; the last FAQ answer asks "Did that help?", and a
 * `no_match` shows the widget's own apology (its stored text is for agents) with a way to the offline form.
 */
import { useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { ComponentChildren } from 'preact';
import type { ChatMessage } from '../state/types';
import { format, type Strings } from '../../strings';
import { linkify } from './linkify';
import { timeFormat } from './names';

const STATUS_KEY = { sending: 'statusSending', sent: 'statusSent', delivered: 'statusDelivered', read: 'statusRead', failed: 'statusFailed' } as const;

/** Who a message is from, as the shopper sees it. */
export function authorLabel(message: ChatMessage, strings: Strings): string {
  return message.author === 'bot' ? strings.bot : (message.authorName ?? strings.agent);
}

/** A message's text as the shopper sees it. */
export function shownText(message: ChatMessage, strings: Strings): string {
  return message.bot?.kind === 'no_match' ? strings.noMatch : message.text;
}

export function Transcript(props: {
  messages: ChatMessage[];
  agentTyping: { name: string | null } | null;
  strings: Strings;
  locale: string;
  onRetry: (key: string) => void;
  onLeaveMessage: () => void;
}) {
  const { messages, strings } = props;
  const times = useMemo(() => timeFormat(props.locale), [props.locale]);
  const list = useRef<HTMLOListElement>(null);
  const [helped, setHelped] = useState<string | null>(null);
  const typing = props.agentTyping;
  const lastBot = findLast(messages, (message) => message.author === 'bot');

  useLayoutEffect(() => {
    const element = list.current;
    if (element) element.scrollTop = element.scrollHeight;
  }, [messages.length, typing !== null]);

  const followUp = (message: ChatMessage): ComponentChildren => {
    if (message.bot?.kind === 'no_match') {
      return (
        <button type="button" class="bt" onClick={props.onLeaveMessage}>
          {strings.leaveMessage}
        </button>
      );
    }
    if (message !== lastBot || message.bot?.kind !== 'faq_answer') return null;
    if (helped === message.key) return <p role="status">{strings.helpThanks}</p>;
    return (
      <div class="fb" role="group" aria-labelledby="parley-help">
        <span id="parley-help">{strings.didHelp}</span>
        <button type="button" class="bt" onClick={() => setHelped(message.key)}>
          {strings.yes}
        </button>
        <button type="button" class="bt" onClick={props.onLeaveMessage}>
          {strings.talkToPerson}
        </button>
      </div>
    );
  };

  return (
    <>
      <ol class="lg" ref={list} aria-label={strings.transcript} tabIndex={0}>
        {messages.map((message, index) => (
          <Message
            key={message.key}
            message={message}
            showName={showName(message, messages[index - 1])}
            time={Number.isFinite(message.createdAt) ? times.format(message.createdAt) : ''}
            strings={strings}
            onRetry={props.onRetry}
          >
            {followUp(message)}
          </Message>
        ))}
      </ol>
      {typing && (
        <p class="ty">{typing.name ? format(strings.typing, { name: typing.name }) : strings.typingUnknown}</p>
      )}
    </>
  );
}

export function findLast<T>(items: readonly T[], test: (item: T) => boolean): T | undefined {
  for (let index = items.length - 1; index >= 0; index--) if (test(items[index]!)) return items[index];
  return undefined;
}

/** An agent's or bot's name heads each run of their messages. */
function showName(message: ChatMessage, previous: ChatMessage | undefined): boolean {
  if (message.author !== 'agent' && message.author !== 'bot') return false;
  return !previous || previous.author !== message.author || previous.authorName !== message.authorName;
}

function Message(props: {
  message: ChatMessage;
  showName: boolean;
  time: string;
  strings: Strings;
  onRetry: (key: string) => void;
  children: ComponentChildren;
}) {
  const { message, strings } = props;
  const own = message.author === 'visitor';
  return (
    <li class={own ? 'm me' : message.author === 'system' ? 'm sys' : message.author === 'bot' ? 'm bo' : 'm'}>
      {props.showName && <span class="wh">{authorLabel(message, strings)}</span>}
      <div class="bb">
        {own && <span class="sr">{strings.you}: </span>}
        {linkify(shownText(message, strings))}
      </div>
      <div class="mt">
        {props.time && <time dateTime={new Date(message.createdAt).toISOString()}>{props.time}</time>}
        {own && message.status && (
          <span class={message.status === 'failed' ? 'fl' : undefined}>{strings[STATUS_KEY[message.status]]}</span>
        )}
        {own && message.status === 'failed' && (
          <button type="button" class="rt" onClick={() => props.onRetry(message.key)}>
            {strings.retry}
          </button>
        )}
      </div>
      {props.children}
    </li>
  );
}
