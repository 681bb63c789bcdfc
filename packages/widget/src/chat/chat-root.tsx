/** Subscribes the panel to the core's store; renders nothing while the chat is closed. */
import { useEffect, useState } from 'preact/hooks';
import type { Strings } from '../strings';
import type { ChatCore } from './chat-core';
import type { WidgetSettings } from './state/types';
import { ChatPanel } from './ui';

export function ChatRoot(props: { core: ChatCore; settings: WidgetSettings; strings: Strings; locale: string }) {
  const [state, setState] = useState(props.core.store.state);
  useEffect(() => props.core.store.subscribe(setState), [props.core]);
  if (!state.open) return null;
  return <ChatPanel state={state} actions={props.core.actions} settings={props.settings} strings={props.strings} locale={props.locale} />;
}
