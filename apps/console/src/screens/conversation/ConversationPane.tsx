/**
 * One conversation: who and what state (with the bot badge, how many automatic answers, and where an
 * offline message's replies go), the actions that fit it (accept, close, reopen, transfer with each
 * agent's load), tags, the transcript, the shopper typing, and the composer.
 */
import type { AgentPresence, AgentView, CannedResponse, ConversationSummary, ConversationView } from '@parley/protocol';
import { useRef, useState } from 'preact/hooks';
import { FallbackBadge } from '../../lib/FallbackBadge';
import type { VariableContext } from '../../lib/variables';
import { STRINGS, t } from '../../strings';
import { Composer } from '../composer/Composer';
import { botAnswerCount, Transcript, type DisplayMessage } from './Transcript';

export interface ConversationPaneProps {
  summary: ConversationSummary;
  /** The live state (from the socket), newer than the summary's. */
  conversation: ConversationView;
  messages: DisplayMessage[];
  visitorReadSeq: number;
  typingName: string | undefined;
  me: AgentView;
  agents: AgentPresence[];
  tags: string[];
  cannedResponses: CannedResponse[];
  variables: VariableContext;
  error: string | undefined;
  onAccept: () => void;
  onClose: () => void;
  onReopen: () => void;
  onTransfer: (agentId: string) => void;
  onAddTag: (tag: string) => void;
  onRemoveTag: (tag: string) => void;
  onSend: (text: string, internal: boolean) => void;
  onTyping: (typing: boolean) => void;
}

export function ConversationPane(props: ConversationPaneProps) {
  const { conversation, me } = props;
  const mine = conversation.assignee?.id === me.id;
  const canReply = conversation.status === 'open' && (mine || me.role === 'admin');
  const waiting = conversation.status === 'queued' || conversation.status === 'offline';
  const canClose = waiting || (conversation.status === 'open' && (mine || me.role === 'admin'));
  const statusLabel = STATUS_LABELS[conversation.status];
  // Seen as an offline message: replies keep going out by email after an agent accepts it.
  const offlineSeen = useRef(new Set<string>());
  if (conversation.status === 'offline' || props.summary.conversation.status === 'offline') offlineSeen.current.add(conversation.id);
  const emailed = offlineSeen.current.has(conversation.id);
  // Where the offline form asked to be answered (replies go there), else the shopper's known address.
  const email = conversation.offlineEmail ?? props.summary.conversation.offlineEmail ?? props.summary.visitor.email;
  const botAnswers = botAnswerCount(props.messages);
  return (
    <section class="conversation" aria-label={props.summary.visitor.displayName}>
      <header class="conversation-header">
        <div>
          <h2>{props.summary.visitor.displayName}</h2>
          <span class={`status status-${conversation.status}`}>{statusLabel}</span>{' '}
          <FallbackBadge fallback={conversation.fallback} />{' '}
          {conversation.assignee && <span class="assignee">{t('assignedTo', { name: conversation.assignee.name })}</span>}
          {botAnswers > 0 && (
            <span class="bot-count" data-testid="bot-count">
              {botAnswers === 1 ? STRINGS.botAnswerCountOne : t('botAnswerCount', { count: botAnswers })}
            </span>
          )}
          {emailed && conversation.status !== 'closed' && (
            <p class="emailed" data-testid="replies-emailed">
              {email ? t('repliesEmailed', { email }) : STRINGS.repliesEmailedUnknown}
            </p>
          )}
        </div>
        <div class="actions">
          {waiting && (
            <button class="primary" onClick={props.onAccept}>
              {STRINGS.accept}
            </button>
          )}
          {conversation.status === 'open' && (mine || me.role === 'admin') && (
            <TransferMenu agents={props.agents} exclude={conversation.assignee?.id} onTransfer={props.onTransfer} />
          )}
          {canClose && <button onClick={props.onClose}>{STRINGS.close}</button>}
          {conversation.status === 'closed' && <button onClick={props.onReopen}>{STRINGS.reopen}</button>}
        </div>
      </header>
      {props.error && (
        <p class="error" role="alert">
          {props.error}
        </p>
      )}
      <TagEditor tags={props.tags} onAdd={props.onAddTag} onRemove={props.onRemoveTag} />
      <Transcript
        messages={props.messages}
        visitorName={props.summary.visitor.displayName}
        visitorReadSeq={props.visitorReadSeq}
        typingName={props.typingName}
      />
      <Composer
        cannedResponses={props.cannedResponses}
        variables={props.variables}
        closed={conversation.status === 'closed'}
        replyBlocked={canReply ? undefined : STRINGS.acceptToReply}
        onSend={props.onSend}
        onTyping={props.onTyping}
      />
    </section>
  );
}

const STATUS_LABELS = {
  queued: STRINGS.statusQueued,
  open: STRINGS.statusOpen,
  closed: STRINGS.statusClosed,
  offline: STRINGS.statusOfflineMessage,
} as const;

function TransferMenu(props: { agents: AgentPresence[]; exclude: string | undefined; onTransfer: (agentId: string) => void }) {
  const others = props.agents.filter((agent) => agent.agentId !== props.exclude);
  const order = { online: 0, away: 1, offline: 2 } as const;
  others.sort((a, b) => order[a.status] - order[b.status] || a.openCount - b.openCount);
  const statusText = { online: STRINGS.statusOnline, away: STRINGS.statusAway, offline: STRINGS.statusOffline };
  return (
    <select
      aria-label={STRINGS.transfer}
      value=""
      onChange={(event) => {
        const value = (event.currentTarget as HTMLSelectElement).value;
        if (value) props.onTransfer(value);
      }}
    >
      <option value="">{STRINGS.transfer}</option>
      {others.map((agent) => (
        <option key={agent.agentId} value={agent.agentId}>
          {t('agentLoad', { name: agent.name, open: agent.openCount, capacity: agent.capacity, status: statusText[agent.status] })}
        </option>
      ))}
    </select>
  );
}

function TagEditor(props: { tags: string[]; onAdd: (tag: string) => void; onRemove: (tag: string) => void }) {
  const [draft, setDraft] = useState('');
  return (
    <div class="tags" aria-label={STRINGS.tags}>
      {props.tags.map((tag) => (
        <span key={tag} class="tag">
          {tag}
          <button class="tag-remove" aria-label={t('removeTag', { tag })} onClick={() => props.onRemove(tag)}>
            ×
          </button>
        </span>
      ))}
      <form
        class="tag-add"
        onSubmit={(event) => {
          event.preventDefault();
          if (draft.trim()) props.onAdd(draft.trim());
          setDraft('');
        }}
      >
        <input
          aria-label={STRINGS.addTag}
          placeholder={STRINGS.addTag}
          value={draft}
          maxLength={32}
          onInput={(event) => setDraft((event.currentTarget as HTMLInputElement).value)}
        />
      </form>
    </div>
  );
}
