/** The small badge on a conversation the FAQ bot and the offline form took over: "After hours" or "Bot". */
import type { ConversationView } from '@parley/protocol';
import { STRINGS } from '../strings';

const TITLES = {
  closed: STRINGS.badgeBotTitleClosed,
  nobody_online: STRINGS.badgeBotTitleNobody,
  timeout: STRINGS.badgeBotTitleTimeout,
} as const;

export function FallbackBadge(props: { fallback: ConversationView['fallback'] }) {
  if (!props.fallback) return null;
  const { reason } = props.fallback;
  return (
    <span class={`badge fallback fallback-${reason}`} title={TITLES[reason]} data-testid="fallback-badge">
      {reason === 'closed' ? STRINGS.badgeAfterHours : STRINGS.badgeBot}
    </span>
  );
}
