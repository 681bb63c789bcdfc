/** Admin: add, edit and delete canned responses. */
import type { CannedResponse, CannedResponseInput } from '@parley/protocol';
import { useEffect, useState } from 'preact/hooks';
import { api } from '../../api/http';
import { STRINGS } from '../../strings';
import { useStatus } from './status';

const BLANK: CannedResponseInput = { shortcut: '', title: '', body: '' };

export function CannedAdmin(props: { onChanged: () => void }) {
  const [list, setList] = useState<CannedResponse[]>([]);
  const [draft, setDraft] = useState<CannedResponseInput>(BLANK);
  const [editing, setEditing] = useState<string>();
  const { run, view } = useStatus();
  const load = () => api.get<{ cannedResponses: CannedResponse[] }>('/api/v1/console/canned-responses').then((r) => setList(r.cannedResponses));
  useEffect(() => void load().catch(() => {}), []);

  const save = async (event: Event) => {
    event.preventDefault();
    const ok = await run(() =>
      editing ? api.put(`/api/v1/console/canned-responses/${editing}`, draft) : api.post('/api/v1/console/canned-responses', draft),
    );
    if (!ok) return;
    setDraft(BLANK);
    setEditing(undefined);
    await load();
    props.onChanged();
  };
  const remove = async (id: string) => {
    if (await run(() => api.del(`/api/v1/console/canned-responses/${id}`))) {
      await load();
      props.onChanged();
    }
  };
  const field = (key: keyof CannedResponseInput) => (event: Event) => setDraft({ ...draft, [key]: (event.currentTarget as HTMLInputElement).value });

  return (
    <section class="card">
      <h2>{STRINGS.cannedSection}</h2>
      <ul class="canned-list">
        {list.map((item) => (
          <li key={item.id}>
            <strong>/{item.shortcut}</strong> {item.title}
            <div class="canned-preview">{item.body}</div>
            <button
              class="link"
              onClick={() => {
                setEditing(item.id);
                setDraft({ shortcut: item.shortcut, title: item.title, body: item.body });
              }}
            >
              {STRINGS.edit}
            </button>
            <button class="link danger" onClick={() => remove(item.id)}>
              {STRINGS.delete}
            </button>
          </li>
        ))}
      </ul>
      <form onSubmit={save}>
        <label>
          {STRINGS.shortcut}
          <input value={draft.shortcut} required maxLength={32} pattern="[A-Za-z0-9_-]+" onInput={field('shortcut')} />
        </label>
        <label>
          {STRINGS.title}
          <input value={draft.title} required maxLength={120} onInput={field('title')} />
        </label>
        <label>
          {STRINGS.body}
          <textarea value={draft.body} required maxLength={4000} rows={3} onInput={field('body')} />
        </label>
        <button class="primary">{editing ? STRINGS.save : STRINGS.add}</button>
        {editing && (
          <button
            type="button"
            onClick={() => {
              setEditing(undefined);
              setDraft(BLANK);
            }}
          >
            {STRINGS.cancel}
          </button>
        )}
      </form>
      {view}
    </section>
  );
}
