/**
 * The shopper sidebar: who they are (verified or not), where they are and were, their browser and local
 * time, what the store told us about them, their ratings, their earlier conversations, and for admins
 * exporting or deleting their data.
 */
import type { ConversationSummary, VisitorProfile } from '@parley/protocol';
import { RichText } from '../../lib/RichText';
import { clockTime, localTimeIn } from '../../lib/time';
import { describeUserAgent } from '../../lib/user-agent';
import { STRINGS, t } from '../../strings';
import { ShopperDataActions } from './ShopperDataActions';

export interface VisitorSidebarProps {
  visitor: VisitorProfile;
  displayName: string;
  /** This conversation and the earlier ones, for ratings. */
  conversations: ConversationSummary[];
  history: ConversationSummary[];
  now: number;
  onOpenConversation: (conversationId: string) => void;
  /** Admins may export and delete the shopper's data. */
  admin?: boolean;
  onDeleted?: () => void;
}

export function VisitorSidebar(props: VisitorSidebarProps) {
  const { visitor } = props;
  const current = visitor.pages[0];
  const ratings = props.conversations.flatMap((row) => (row.conversation.rating ? [{ id: row.conversation.id, ...row.conversation.rating }] : []));
  const attributes = Object.entries(visitor.attributes);
  return (
    <aside class="sidebar" aria-label={STRINGS.sidebarTitle}>
      <h2>
        {props.displayName}{' '}
        {visitor.externalId !== null && (
          <span class={visitor.verified ? 'badge verified' : 'badge unverified'}>{visitor.verified ? STRINGS.verified : STRINGS.unverified}</span>
        )}
      </h2>
      {visitor.email && <p class="visitor-email">{visitor.email}</p>}
      <dl>
        <dt>{STRINGS.currentPage}</dt>
        <dd data-testid="current-page">{current ? <PageLink url={current.url} title={current.title} /> : STRINGS.unknown}</dd>
        <dt>{STRINGS.browser}</dt>
        <dd>{describeUserAgent(visitor.userAgent) ?? STRINGS.unknown}</dd>
        <dt>{STRINGS.localTime}</dt>
        <dd>{localTimeIn(visitor.timezone, props.now) ? `${localTimeIn(visitor.timezone, props.now)} (${visitor.timezone})` : STRINGS.unknown}</dd>
      </dl>
      {visitor.pages.length > 1 && (
        <section>
          <h3>{STRINGS.pagesSeen}</h3>
          <ol class="pages">
            {visitor.pages.map((page) => (
              <li key={`${page.url}-${page.viewedAt}`}>
                <span class="page-time">{clockTime(page.viewedAt)}</span> <PageLink url={page.url} title={page.title} />
              </li>
            ))}
          </ol>
        </section>
      )}
      {attributes.length > 0 && (
        <section>
          <h3>{STRINGS.attributes}</h3>
          <dl class="attributes">
            {attributes.map(([key, value]) => (
              <>
                <dt key={`k-${key}`}>{key}</dt>
                <dd key={`v-${key}`}>{String(value)}</dd>
              </>
            ))}
          </dl>
        </section>
      )}
      {ratings.length > 0 && (
        <section>
          <h3>{STRINGS.ratings}</h3>
          <ul class="ratings">
            {ratings.map((rating) => (
              <li key={rating.id}>
                {'★'.repeat(rating.score)}
                {'☆'.repeat(5 - rating.score)} {t('rating', { score: rating.score })}
                {rating.comment && <q>{rating.comment}</q>}
              </li>
            ))}
          </ul>
        </section>
      )}
      <section>
        <h3>{STRINGS.earlier}</h3>
        {props.history.length === 0 ? (
          <p class="empty">{STRINGS.noEarlier}</p>
        ) : (
          <ul class="history">
            {props.history.map((row) => (
              <li key={row.conversation.id}>
                <a
                  href={`#/c/${row.conversation.id}`}
                  onClick={(event) => {
                    event.preventDefault();
                    props.onOpenConversation(row.conversation.id);
                  }}
                >
                  {new Date(row.conversation.createdAt).toLocaleDateString()} — {row.lastMessage?.text ?? STRINGS.noMessages}
                </a>
              </li>
            ))}
          </ul>
        )}
      </section>
      {props.admin && <ShopperDataActions visitorId={visitor.id} displayName={props.displayName} onDeleted={props.onDeleted ?? (() => {})} />}
    </aside>
  );
}

function PageLink({ url, title }: { url: string; title: string | null }) {
  return (
    <span class="page">
      {title && <span class="page-title">{title} </span>}
      <RichText text={url} />
    </span>
  );
}
