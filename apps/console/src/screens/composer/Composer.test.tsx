import type { CannedResponse } from '@parley/protocol';
import { fireEvent, render, screen, within } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import type { VariableContext } from '../../lib/variables';
import { Composer, type ComposerProps } from './Composer';

const canned: CannedResponse[] = [
  { id: '1', shortcut: 'ship', title: 'Shipping times', body: 'Hi {{visitor.name}}, order {{attributes.orderId}} ships today. — {{agent.name}}, {{site.name}}', updatedAt: 1 },
  { id: '2', shortcut: 'return', title: 'Returns policy', body: 'You can return within 30 days.', updatedAt: 1 },
  { id: '3', shortcut: 'thanks', title: 'Thanks', body: 'Thanks {{visitor.name}}!', updatedAt: 1 },
];
const variables: VariableContext = {
  visitor: { name: 'Maya', email: null, attributes: { orderId: 'A-1001' } },
  agent: { name: 'Ana' },
  site: { name: 'Boot Barn' },
};

const setup = (patch: Partial<ComposerProps> = {}) => {
  const onSend = vi.fn();
  const onTyping = vi.fn();
  render(<Composer cannedResponses={canned} variables={variables} onSend={onSend} onTyping={onTyping} {...patch} />);
  const box = screen.getByRole('textbox') as HTMLTextAreaElement;
  const type = (value: string) => fireEvent.input(box, { target: { value } });
  return { onSend, onTyping, box, type };
};

describe('composer', () => {
  it('sends on Enter, keeps Shift+Enter for a new line, and clears after sending', () => {
    const { onSend, box, type } = setup();
    type('Line one');
    fireEvent.keyDown(box, { key: 'Enter', shiftKey: true });
    expect(onSend).not.toHaveBeenCalled();
    type('Line one\nLine two  ');
    fireEvent.keyDown(box, { key: 'Enter' });
    expect(onSend).toHaveBeenCalledWith('Line one\nLine two', false);
    expect(box.value).toBe('');
    fireEvent.keyDown(box, { key: 'Enter' });
    expect(onSend).toHaveBeenCalledTimes(1);
  });

  it('tells the shopper the agent is typing, and stops when the message is sent', () => {
    const { onTyping, box, type } = setup();
    type('H');
    type('Hi');
    expect(onTyping).toHaveBeenCalledTimes(1);
    expect(onTyping).toHaveBeenLastCalledWith(true);
    fireEvent.keyDown(box, { key: 'Enter' });
    expect(onTyping).toHaveBeenLastCalledWith(false);
  });

  it('opens the canned picker on /, filters it, and fills variables into the chosen response', () => {
    const { onSend, box, type } = setup();
    type('/');
    expect(within(screen.getByRole('listbox')).getAllByRole('option')).toHaveLength(3);
    type('/sh');
    const options = within(screen.getByRole('listbox')).getAllByRole('option');
    expect(options).toHaveLength(1);
    expect(options[0]!.textContent).toContain('Shipping times');
    fireEvent.keyDown(box, { key: 'Enter' });
    expect(box.value).toBe('Hi Maya, order A-1001 ships today. — Ana, Boot Barn');
    expect(screen.queryByRole('listbox')).toBeNull();
    expect(onSend).not.toHaveBeenCalled();
    fireEvent.keyDown(box, { key: 'Enter' });
    expect(onSend).toHaveBeenCalledWith('Hi Maya, order A-1001 ships today. — Ana, Boot Barn', false);
  });

  it('moves through the picker with the arrow keys and falls back when a variable is missing', () => {
    const { box, type } = setup({ variables: { ...variables, visitor: { name: null, email: null, attributes: {} } } });
    type('/');
    fireEvent.keyDown(box, { key: 'ArrowDown' });
    fireEvent.keyDown(box, { key: 'ArrowDown' });
    expect(screen.getByRole('option', { selected: true }).textContent).toContain('/thanks');
    fireEvent.keyDown(box, { key: 'Enter' });
    expect(box.value).toBe('Thanks there!');
  });

  it('sends an internal note when the toggle is on, and only notes when replying is blocked', () => {
    const { onSend, box, type } = setup({ replyBlocked: 'Accept this conversation to reply.' });
    expect(screen.getByText('Accept this conversation to reply.')).toBeTruthy();
    type('Looks like fraud');
    fireEvent.keyDown(box, { key: 'Enter' });
    expect(onSend).toHaveBeenCalledWith('Looks like fraud', true);
  });

  it('shows no reply box on a closed conversation', () => {
    render(<Composer cannedResponses={canned} variables={variables} onSend={vi.fn()} onTyping={vi.fn()} closed />);
    expect(screen.queryByRole('textbox')).toBeNull();
    expect(screen.getByText(/closed/)).toBeTruthy();
  });
});
