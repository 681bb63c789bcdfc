/**
 * The inbox: view tabs with live counts, a tag filter, and one row per conversation (shopper, last
 * message, waiting time, unread mark, assignee, tags, the bot badge, and the email of an offline message).
 * Keyboard selection is driven by the parent.
 */
import { INBOX_COUNT_CAP, type ConversationSummary, type InboxCounts, type InboxView } from '@parley/protocol';
import { FallbackBadge } from '../../lib/FallbackBadge';
import { STRINGS, t, type StringKey } from '../../strings';
import { clockTime, duration } from '../../lib/time';

export const VIEWS: Array<{ view: InboxView; label: StringKey }> = [
  { view: 'waiting', label: 'viewWaiting' },
  { view: 'mine', label: 'viewMine' },
  { view: 'open', label: 'viewOpen' },
  { view: 'closed', label: 'viewClosed' },
  { view: 'offline', label: 'viewOffline' },
];

/** A tab's count; the server stops counting at INBOX_COUNT_CAP. */
export const tabCount = (count: number): string => (count >= INBOX_COUNT_CAP ? t('countAtLeast', { count: INBOX_COUNT_CAP.toLocaleString() }) : String(count));

export interface InboxListProps {
  view: InboxView;
  counts: InboxCounts;
  rows: ConversationSummary[];
  tags: string[];
  tag: string | undefined;
  /** The conversation shown on the right. */
  openId: string | undefined;
  /** The row the keyboard points at. */
  selectedIndex: number;
  myId: string;
  now: number;
  onView: (view: InboxView) => void;
  onTag: (tag: string | undefined) => void;
  onOpen: (conversationId: string) => void;
}

export function InboxList(props: InboxListProps) {
  return (
    <section class="inbox" aria-label={STRINGS.navInbox}>
      <div class="inbox-views" role="tablist">
        {VIEWS.map(({ view, label }) => (
          <button
            key={view}
            role="tab"
            aria-selected={props.view === view}
            class={props.view === view ? 'tab active' : 'tab'}
            onClick={() => props.onView(view)}
          >
            {STRINGS[label]} <span class="count" data-testid={`count-${view}`}>{tabCount(props.counts[view])}</span>
          </button>
        ))}
      </div>
      <label class="tag-filter">
        {STRINGS.tagFilter}{' '}
        <select value={props.tag ?? ''} onChange={(event) => props.onTag((event.currentTarget as HTMLSelectElement).value || undefined)}>
          <option value="">{STRINGS.tagFilterAll}</option>
          {props.tags.map((tag) => (
            <option key={tag} value={tag}>
              {tag}
            </option>
          ))}
        </select>
      </label>
      {props.rows.length === 0 ? (
        <p class="empty">{STRINGS.inboxEmpty}</p>
      ) : (
        <ul class="inbox-rows" role="listbox" aria-label={STRINGS[VIEWS.find((v) => v.view === props.view)!.label]}>
          {props.rows.map((row, index) => (
            <InboxRow
              key={row.conversation.id}
              row={row}
              selected={index === props.selectedIndex}
              open={row.conversation.id === props.openId}
              myId={props.myId}
              now={props.now}
              onOpen={props.onOpen}
            />
          ))}
        </ul>
      )}
    </section>
  );
}

function InboxRow(props: { row: ConversationSummary; selected: boolean; open: boolean; myId: string; now: number; onOpen: (id: string) => void }) {
  const { row } = props;
  const last = row.lastMessage;
  const prefix = last?.internal ? STRINGS.notePrefix : last?.authorType === 'agent' ? STRINGS.agentPrefix : '';
  const classes = ['inbox-row', props.selected ? 'selected' : '', props.open ? 'open' : '', row.unread > 0 ? 'unread' : ''];
  return (
    <li
      role="option"
      aria-selected={props.selected}
      class={classes.filter(Boolean).join(' ')}
      data-conversation={row.conversation.id}
      onClick={() => props.onOpen(row.conversation.id)}
    >
      <div class="row-top">
        <strong class="visitor-name">{row.visitor.displayName}</strong>
        <FallbackBadge fallback={row.conversation.fallback} />
        {row.unread > 0 && (
          <span class="unread-dot" title={STRINGS.unreadMark} aria-label={STRINGS.unreadMark}>
            {row.unread}
          </span>
        )}
        <span class="row-time">
          {row.queuedAt !== null
            ? t('waitingFor', { time: duration(props.now - row.queuedAt) })
            : last
              ? clockTime(last.createdAt)
              : ''}
        </span>
      </div>
      {row.conversation.status === 'offline' && (
        <div class="row-offline">{t('offlineFrom', { email: row.conversation.offlineEmail ?? row.visitor.email ?? STRINGS.unknown })}</div>
      )}
      <div class="row-last">{last ? prefix + last.text : STRINGS.noMessages}</div>
      <div class="row-meta">
        <span class="assignee">{row.conversation.assignee?.name ?? STRINGS.unassigned}</span>
        {row.tags.map((tag) => (
          <span key={tag} class="tag">
            {tag}
          </span>
        ))}
      </div>
    </li>
  );
}
