/**
 * The open chat panel: header, connection banner, then either what comes before a chat (greeting,
 * availability, FAQ search) or the transcript, queue position and email notices, typing, and the composer
 * (or the offline form while open, or the rating once the chat is closed). It renders `ChatState` and calls
 * `ChatActions`, nothing else. When it closes with focus inside, focus returns to the launcher.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ChatActions, ChatMessage, ChatState, WidgetSettings } from '../state/types';
import { format, type Strings } from '../../strings';
import { readableTextColor } from '../../shared/contrast';
import { Composer } from './composer';
import { EmailTranscript } from './email-transcript';
import { EndConfirm, Header, TITLE_ID } from './header';
import { OfflineForm } from './offline-form';
import { Availability, FaqSearch } from './pre-chat';
import { Rating } from './rating';
import { authorLabel, findLast, shownText, Transcript } from './transcript';

export interface ChatPanelProps {
  state: ChatState;
  actions: ChatActions;
  settings: WidgetSettings;
  strings: Strings;
  locale: string;
}

const BANNER = { connecting: 'connecting', reconnecting: 'reconnecting', offline: 'offline' } as const;

export function ChatPanel({ state, actions, settings, strings, locale }: ChatPanelProps) {
  const { conversation, offline } = state;
  const [confirming, setConfirming] = useState(false);
  const [formOpen, setFormOpen] = useState(false);
  const formShownAt = useRef(0);
  const dialog = useRef<HTMLDivElement>(null);
  const endButton = useRef<HTMLButtonElement>(null);
  const cancelButton = useRef<HTMLButtonElement>(null);
  const announcement = useAnnouncement(state.messages, strings);
  const closed = conversation?.status === 'closed';
  const canEnd = conversation !== null && !closed;
  const banner = state.connection in BANNER ? strings[BANNER[state.connection as keyof typeof BANNER]] : '';
  const notice =
    conversation?.status === 'queued'
      ? conversation.queuePosition
        ? format(strings.queuePosition, { n: conversation.queuePosition })
        : strings.queued
      : offline.status === 'sent'
        ? format(strings.formSent, { email: offline.email ?? '' })
        : conversation?.status === 'offline'
          ? offline.email
            ? format(strings.answerByEmail, { email: offline.email })
            : strings.answerByEmailLater
          : '';

  useEffect(() => {
    if (confirming) cancelButton.current?.focus();
  }, [confirming]);
  useEffect(() => {
    if (!canEnd) setConfirming(false);
  }, [canEnd]);
  useEffect(() => {
    if (offline.status !== 'sent') return;
    setFormOpen(false);
    formShownAt.current = 0;
  }, [offline.status]);
  useEffect(() => {
    const panel = dialog.current;
    return () => {
      const root = panel?.getRootNode() as Document | ShadowRoot | undefined;
      if (root && panel!.contains(root.activeElement)) root.querySelector<HTMLElement>('button[aria-haspopup]')?.focus();
    };
  }, []);

  const cancelEnd = () => {
    setConfirming(false);
    endButton.current?.focus();
  };
  const openForm = () => {
    formShownAt.current ||= Date.now();
    setFormOpen(true);
  };

  return (
    <div
      ref={dialog}
      class={settings.position === 'left' ? 'pp left' : 'pp'}
      role="dialog"
      aria-modal="false"
      aria-labelledby={TITLE_ID}
      style={{ '--parley-brand': settings.brandColor, '--parley-on-brand': readableTextColor(settings.brandColor), zIndex: settings.zIndex }}
      onKeyDown={(event) => {
        if (event.key !== 'Escape') return;
        event.stopPropagation();
        actions.close();
      }}
    >
      <Header
        title={settings.title || settings.name}
        agentName={conversation?.assignee?.name ?? null}
        canEnd={canEnd}
        strings={strings}
        endRef={endButton}
        onEnd={() => setConfirming(true)}
        onClose={actions.close}
      />
      {confirming && canEnd && (
        <EndConfirm
          strings={strings}
          cancelRef={cancelButton}
          onCancel={cancelEnd}
          onConfirm={() => {
            setConfirming(false);
            actions.endChat();
          }}
        />
      )}
      <p class={state.connection === 'offline' ? 'st off' : 'st'} role="status">
        {banner}
      </p>
      {!conversation && state.messages.length === 0 ? (
        <div class="lg">
          <p class="gr">{settings.greeting || strings.greeting}</p>
          <Availability availability={state.availability} strings={strings} locale={locale} onLeaveMessage={openForm} />
          <FaqSearch results={state.faqResults} strings={strings} onSearch={actions.searchFaq} />
        </div>
      ) : (
        <Transcript
          messages={state.messages}
          agentTyping={state.agentTyping}
          strings={strings}
          locale={locale}
          onRetry={actions.retry}
          onLeaveMessage={openForm}
        />
      )}
      <p class="qu" role="status">
        {notice}
      </p>
      <div class="sr" aria-live="polite">
        {announcement}
      </div>
      {closed ? (
        <Rating rated={conversation.rating !== null} strings={strings} onRate={actions.rate} onStartNew={actions.startNew}>
          <EmailTranscript sentTo={state.transcriptSentTo} email={offline.email} strings={strings} onRequest={actions.requestTranscript} />
        </Rating>
      ) : formOpen ? (
        <OfflineForm
          offline={offline}
          message={findLast(state.messages, (message) => message.author === 'visitor')?.text ?? ''}
          shownAt={formShownAt.current}
          strings={strings}
          onSubmit={actions.submitOffline}
          onCancel={() => setFormOpen(false)}
        />
      ) : (
        <Composer strings={strings} onSend={actions.send} onTyping={actions.setTyping} />
      )}
    </div>
  );
}

/** The newest agent or bot message that arrived while the panel was open, as text for the live region. */
function useAnnouncement(messages: ChatMessage[], strings: Strings): string {
  const latest = findLast(messages, (message) => message.author === 'agent' || message.author === 'bot');
  const seen = useRef(latest?.key ?? null);
  const [text, setText] = useState('');
  useEffect(() => {
    if (!latest || latest.key === seen.current) return;
    seen.current = latest.key;
    setText(format(strings.newMessage, { name: authorLabel(latest, strings), text: shownText(latest, strings) }));
  }, [latest, strings]);
  return text;
}
