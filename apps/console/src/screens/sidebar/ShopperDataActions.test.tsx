import type { VisitorProfile } from '@parley/protocol';
import { fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { failure, fakeApi, reply } from '../../test-support/fake-api';
import { VisitorSidebar } from './VisitorSidebar';

const visitor: VisitorProfile = {
  id: 'v1', name: 'Maya', email: 'maya@example.com', externalId: null, verified: false, attributes: {}, userAgent: null,
  locale: null, timezone: null, pages: [], createdAt: 0, lastSeenAt: 0,
};
const sidebar = (admin: boolean, onDeleted = vi.fn()) =>
  render(<VisitorSidebar visitor={visitor} displayName="Maya" conversations={[]} history={[]} now={0} onOpenConversation={vi.fn()} admin={admin} onDeleted={onDeleted} />);

describe('shopper data actions', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('are not offered to agents', () => {
    sidebar(false);
    expect(screen.queryByRole('link', { name: 'Export data' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Delete shopper' })).toBeNull();
  });

  it('let an admin download the shopper’s data as JSON', () => {
    sidebar(true);
    const link = screen.getByRole('link', { name: 'Export data' });
    expect(link.getAttribute('href')).toBe('/api/v1/console/visitors/v1/export');
    expect(link.getAttribute('download')).toBe('visitor-v1.json');
  });

  it('delete the shopper only after the in-page confirmation, then report it', async () => {
    const api = fakeApi({ 'DELETE /api/v1/console/visitors/*': reply(204) });
    const onDeleted = vi.fn();
    sidebar(true, onDeleted);
    fireEvent.click(screen.getByRole('button', { name: 'Delete shopper' }));
    expect(api.calls).toHaveLength(0);
    expect(screen.getByRole('alertdialog').textContent).toContain('Delete Maya with all their conversations');
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'Delete shopper' }));
    fireEvent.click(screen.getByRole('button', { name: 'Yes, delete for good' }));
    await waitFor(() => expect(onDeleted).toHaveBeenCalled());
    expect(api.sent('DELETE', '/api/v1/console/visitors/v1')).toHaveLength(1);
  });

  it('show the server’s refusal and keep the shopper', async () => {
    fakeApi({ 'DELETE /api/v1/console/visitors/*': failure(403, 'forbidden') });
    const onDeleted = vi.fn();
    sidebar(true, onDeleted);
    fireEvent.click(screen.getByRole('button', { name: 'Delete shopper' }));
    fireEvent.click(screen.getByRole('button', { name: 'Yes, delete for good' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Only admins can do that.');
    expect(onDeleted).not.toHaveBeenCalled();
  });
});
