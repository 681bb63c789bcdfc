/** Admin: the FAQ the bot answers from. List, add, edit and delete entries, and import many at once. */
import { useEffect, useState } from 'preact/hooks';
import type { FaqEntry, FaqEntryInput } from '../../../api/admin-types';
import { api } from '../../../api/http';
import { STRINGS, t } from '../../../strings';
import { useStatus } from '../status';
import { FaqImport } from './FaqImport';

const BLANK: FaqEntryInput = { question: '', answer: '', keywords: '' };
const PATH = '/api/v1/console/faq';

export function FaqAdmin() {
  const [entries, setEntries] = useState<FaqEntry[]>([]);
  const [draft, setDraft] = useState<FaqEntryInput>(BLANK);
  const [editing, setEditing] = useState<string>();
  const [deleting, setDeleting] = useState<string>();
  const { run, view } = useStatus();
  const load = () => api.get<{ entries: FaqEntry[] }>(PATH).then((r) => setEntries(r.entries));
  useEffect(() => void load().catch(() => {}), []);

  const reset = () => {
    setDraft(BLANK);
    setEditing(undefined);
  };
  const save = async (event: Event) => {
    event.preventDefault();
    const body = { question: draft.question, answer: draft.answer, keywords: draft.keywords };
    const ok = await run(() => (editing ? api.put(`${PATH}/${encodeURIComponent(editing)}`, body) : api.post(PATH, body)), editing ? STRINGS.saved : STRINGS.faqAdded);
    if (!ok) return;
    reset();
    await load();
  };
  const remove = async (id: string) => {
    setDeleting(undefined);
    if (await run(() => api.del(`${PATH}/${encodeURIComponent(id)}`), STRINGS.faqDeleted)) {
      if (editing === id) reset();
      await load();
    }
  };
  const field = (key: keyof FaqEntryInput) => (event: Event) => setDraft({ ...draft, [key]: (event.currentTarget as HTMLInputElement).value });

  return (
    <>
      <section class="card">
        <h2>{STRINGS.faqSection}</h2>
        <p class="hint">{STRINGS.faqIntro}</p>
        {entries.length === 0 ? (
          <p class="empty">{STRINGS.faqEmpty}</p>
        ) : (
          <ul class="faq-list">
            {entries.map((entry) => (
              <li key={entry.id} data-testid="faq-entry">
                <strong class="faq-question">{entry.question}</strong>
                <div class="faq-answer">{entry.answer}</div>
                {entry.keywords && <div class="faq-keywords">{entry.keywords}</div>}
                {deleting === entry.id ? (
                  <span class="confirm-inline">
                    {t('faqDeleteConfirm', { question: entry.question })}{' '}
                    <button class="danger" onClick={() => remove(entry.id)}>
                      {STRINGS.delete}
                    </button>
                    <button onClick={() => setDeleting(undefined)}>{STRINGS.cancel}</button>
                  </span>
                ) : (
                  <>
                    <button
                      class="link"
                      onClick={() => {
                        setEditing(entry.id);
                        setDraft({ question: entry.question, answer: entry.answer, keywords: entry.keywords });
                      }}
                    >
                      {STRINGS.edit}
                    </button>
                    <button class="link danger" onClick={() => setDeleting(entry.id)}>
                      {STRINGS.delete}
                    </button>
                  </>
                )}
              </li>
            ))}
          </ul>
        )}
        <form onSubmit={save}>
          <label>
            {STRINGS.faqQuestion}
            <input value={draft.question} required maxLength={500} onInput={field('question')} />
          </label>
          <label>
            {STRINGS.faqAnswer}
            <textarea value={draft.answer} required maxLength={4000} rows={3} onInput={field('answer')} />
          </label>
          <label>
            {STRINGS.faqKeywords}
            <input value={draft.keywords} maxLength={500} onInput={field('keywords')} />
          </label>
          <button class="primary">{editing ? STRINGS.save : STRINGS.add}</button>{' '}
          {editing && (
            <button type="button" onClick={reset}>
              {STRINGS.cancel}
            </button>
          )}
        </form>
        {view}
      </section>
      <FaqImport onImported={() => void load().catch(() => {})} />
    </>
  );
}
