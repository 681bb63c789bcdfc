import { fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FaqEntry } from '../../../api/admin-types';
import { failure, fakeApi, reply, type FakeCall } from '../../../test-support/fake-api';
import { FaqAdmin } from './FaqAdmin';

const entry = (id: string, question: string, answer: string, keywords = ''): FaqEntry => ({ id, question, answer, keywords, createdAt: 1, updatedAt: 1 });

describe('FAQ admin', () => {
  let entries: FaqEntry[];
  let api: ReturnType<typeof fakeApi>;
  beforeEach(() => {
    entries = [entry('f1', 'How long is shipping?', 'Two days.', 'delivery'), entry('f2', 'Gift cards?', 'Yes.')];
    api = fakeApi({
      'GET /api/v1/console/faq': () => ({ entries }),
      'POST /api/v1/console/faq': (call: FakeCall) => {
        const created = { ...entry('f3', '', ''), ...(call.body as object) };
        entries = [...entries, created];
        return reply(201, { entry: created });
      },
      'PUT /api/v1/console/faq/*': (call: FakeCall) => {
        const id = call.path.split('/').pop();
        entries = entries.map((item) => (item.id === id ? { ...item, ...(call.body as object) } : item));
        return { entry: entries.find((item) => item.id === id) };
      },
      'DELETE /api/v1/console/faq/*': (call: FakeCall) => {
        entries = entries.filter((item) => item.id !== call.path.split('/').pop());
        return reply(204);
      },
      'POST /api/v1/console/faq/import': (call: FakeCall) => {
        const body = call.body as { format: string; data: unknown };
        if (body.format === 'csv' && !String(body.data).startsWith('question')) {
          return failure(400, 'invalid_body', 'The CSV needs a header row with "question" and "answer" columns.');
        }
        return { imported: body.format === 'csv' ? String(body.data).trim().split('\n').length - 1 : (body.data as unknown[]).length };
      },
    });
  });
  afterEach(() => vi.unstubAllGlobals());

  const rows = () => screen.getAllByTestId('faq-entry');
  const fill = (label: string, value: string) => fireEvent.input(screen.getByLabelText(label, { exact: false }), { target: { value } });

  it('lists the entries as text', async () => {
    entries = [entry('x', '<img src=x onerror=alert(1)>', 'Fine')];
    render(<FaqAdmin />);
    await waitFor(() => expect(rows()).toHaveLength(1));
    expect(rows()[0]!.textContent).toContain('<img src=x onerror=alert(1)>');
    expect(rows()[0]!.querySelector('img')).toBeNull();
  });

  it('adds an entry with question, answer and keywords', async () => {
    render(<FaqAdmin />);
    await waitFor(() => expect(rows()).toHaveLength(2));
    fill('Question', 'Do you ship to Norway?');
    fill('Answer', 'Yes, in 5 days.');
    fill('Keywords', 'norway, abroad');
    fireEvent.click(screen.getByRole('button', { name: 'Add' }));
    await waitFor(() => expect(rows()).toHaveLength(3));
    expect(api.sent('POST', '/api/v1/console/faq')[0]!.body).toEqual({ question: 'Do you ship to Norway?', answer: 'Yes, in 5 days.', keywords: 'norway, abroad' });
    expect(screen.getByRole('status').textContent).toBe('Entry added.');
    expect((screen.getByLabelText('Question') as HTMLInputElement).value).toBe('');
  });

  it('edits an entry in the form and saves it under its id', async () => {
    render(<FaqAdmin />);
    await waitFor(() => expect(rows()).toHaveLength(2));
    fireEvent.click(within(rows()[0]!).getByRole('button', { name: 'Edit' }));
    expect((screen.getByLabelText('Question') as HTMLInputElement).value).toBe('How long is shipping?');
    fill('Answer', 'Three days now.');
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(rows()[0]!.textContent).toContain('Three days now.'));
    expect(api.sent('PUT', '/api/v1/console/faq/f1')[0]!.body).toMatchObject({ question: 'How long is shipping?', answer: 'Three days now.', keywords: 'delivery' });
  });

  it('deletes an entry only after confirming it', async () => {
    render(<FaqAdmin />);
    await waitFor(() => expect(rows()).toHaveLength(2));
    fireEvent.click(within(rows()[1]!).getByRole('button', { name: 'Delete' }));
    expect(rows()[1]!.textContent).toContain('Delete “Gift cards?”?');
    expect(api.sent('DELETE', '/api/v1/console/faq')).toHaveLength(0);
    fireEvent.click(within(rows()[1]!).getByRole('button', { name: 'Delete' }));
    await waitFor(() => expect(rows()).toHaveLength(1));
    expect(api.sent('DELETE', '/api/v1/console/faq/f2')).toHaveLength(1);
  });

  it('imports pasted CSV and says how many entries came in', async () => {
    render(<FaqAdmin />);
    fill('Paste here', 'question,answer,keywords\nA?,B,c\nD?,E,f');
    fireEvent.click(screen.getByRole('button', { name: 'Import entries' }));
    expect(await screen.findByText('Imported 2 entries.')).toBeTruthy();
    expect(api.sent('POST', '/api/v1/console/faq/import')[0]!.body).toEqual({ format: 'csv', data: 'question,answer,keywords\nA?,B,c\nD?,E,f' });
  });

  it('shows the server’s error for a CSV it cannot read', async () => {
    render(<FaqAdmin />);
    fill('Paste here', 'q;a\nx;y');
    fireEvent.click(screen.getByRole('button', { name: 'Import entries' }));
    expect((await screen.findByRole('alert')).textContent).toBe('The CSV needs a header row with "question" and "answer" columns.');
  });

  it('imports JSON as a list of entries, and refuses broken JSON before sending it', async () => {
    render(<FaqAdmin />);
    fireEvent.change(screen.getByLabelText('Format'), { target: { value: 'json' } });
    fill('Paste here', '[{"question": "A?", "answer": "B"');
    fireEvent.click(screen.getByRole('button', { name: 'Import entries' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/^That is not valid JSON/);
    expect(api.sent('POST', '/api/v1/console/faq/import')).toHaveLength(0);

    fill('Paste here', '[{"question": "A?", "answer": "B", "keywords": "k"}]');
    fireEvent.click(screen.getByRole('button', { name: 'Import entries' }));
    expect(await screen.findByText('Imported 1 entry.')).toBeTruthy();
    expect(api.sent('POST', '/api/v1/console/faq/import')[0]!.body).toEqual({ format: 'json', data: [{ question: 'A?', answer: 'B', keywords: 'k' }] });
  });
});
