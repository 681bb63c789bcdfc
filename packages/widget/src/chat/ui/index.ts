/** The shopper-facing chat screens: the panel, its CSS, and the helpers they share with tests. */
export { ChatPanel, type ChatPanelProps } from './chat-panel';
export { panelStyles } from './styles';
export { linkify } from './linkify';
export { readableTextColor } from '../../shared/contrast';
