/**
 * The chat bundle's entry: registers `createChat` for the loader. It mounts the panel into the loader's
 * Shadow DOM root and connects the chat core to it.
 */
import { h, render } from 'preact';
import { CHAT_GLOBAL, type ChatApi, type ChatHost } from '../shared/host';
import { adoptStyles } from '../shared/styles';
import { STRINGS } from '../strings';
import { ChatCore } from './chat-core';
import { ChatRoot } from './chat-root';
import { panelStyles } from './ui';

function createChat(host: ChatHost): ChatApi {
  const core = new ChatCore({
    serverUrl: host.serverUrl,
    siteKey: host.siteKey,
    locale: host.locale,
    consent: host.consent,
    onAgentMessage: (text) => host.emit('message', { text }),
    onUnread: (count) => host.setUnread(count),
  });
  adoptStyles(host.root, panelStyles, host.nonce);
  const container = document.createElement('div');
  host.root.append(container);
  const locale = host.locale as keyof typeof STRINGS;
  render(h(ChatRoot, { core, settings: host.settings, strings: STRINGS[locale] ?? STRINGS.en, locale }), container);

  let wasOpen = false;
  core.store.subscribe((state) => {
    if (state.open !== wasOpen) {
      wasOpen = state.open;
      host.setOpen(state.open);
    }
  });
  if (core.returning) core.engage();

  return {
    open: () => core.actions.open(),
    close: () => core.actions.close(),
    identify: (identity) => core.identify(identity),
    setAttributes: (attributes) => core.setAttributes(attributes),
    setConsent: (consent) => core.setConsent(consent),
    shutdown: () => {
      core.actions.close();
      core.shutdown();
    },
  };
}

(window as unknown as Record<string, unknown>)[CHAT_GLOBAL] = createChat;
