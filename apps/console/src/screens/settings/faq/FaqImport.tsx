/**
 * Admin: import FAQ entries from pasted CSV (header `question,answer,keywords`) or JSON (a list of
 * `{question, answer, keywords}`, or the `{entries}` the FAQ list returns), typed or read from a file.
 */
import { useState } from 'preact/hooks';
import type { FaqEntryInput } from '../../../api/admin-types';
import { api } from '../../../api/http';
import { STRINGS, t } from '../../../strings';
import { useStatus } from '../status';

type Format = 'csv' | 'json';

/** The entries in a JSON text, or the reason it cannot be imported. */
export function parseFaqJson(text: string): { entries: FaqEntryInput[] } | { error: string } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (caught) {
    return { error: t('faqImportBadJson', { error: caught instanceof Error ? caught.message : String(caught) }) };
  }
  const list = Array.isArray(data) ? data : (data as { entries?: unknown } | null)?.entries;
  if (!Array.isArray(list)) return { error: STRINGS.faqImportNotList };
  const entries = list.map((item: Partial<FaqEntryInput> | null) => ({
    question: String(item?.question ?? ''),
    answer: String(item?.answer ?? ''),
    keywords: String(item?.keywords ?? ''),
  }));
  return { entries };
}

export function FaqImport(props: { onImported: () => void }) {
  const [format, setFormat] = useState<Format>('csv');
  const [data, setData] = useState('');
  const { run, fail, view } = useStatus();

  const readFile = async (event: Event) => {
    const file = (event.currentTarget as HTMLInputElement).files?.[0];
    if (!file) return;
    setData(await file.text());
    setFormat(file.name.toLowerCase().endsWith('.json') ? 'json' : 'csv');
  };
  const submit = async (event: Event) => {
    event.preventDefault();
    let body: { format: 'csv'; data: string } | { format: 'json'; data: FaqEntryInput[] } = { format: 'csv', data };
    if (format === 'json') {
      const parsed = parseFaqJson(data);
      if ('error' in parsed) return fail(parsed.error);
      body = { format: 'json', data: parsed.entries };
    }
    const ok = await run(
      () => api.post<{ imported: number }>('/api/v1/console/faq/import', body),
      (result) => (result.imported === 1 ? STRINGS.faqImportedOne : t('faqImported', { count: result.imported })),
    );
    if (ok) {
      setData('');
      props.onImported();
    }
  };

  return (
    <section class="card">
      <h2>{STRINGS.faqImport}</h2>
      <form onSubmit={submit}>
        <label>
          {STRINGS.faqImportFormat}
          <select value={format} onChange={(event) => setFormat((event.currentTarget as HTMLSelectElement).value as Format)}>
            <option value="csv">{STRINGS.faqImportCsv}</option>
            <option value="json">{STRINGS.faqImportJson}</option>
          </select>
        </label>
        <label>
          {STRINGS.faqImportData}
          <textarea value={data} rows={6} required onInput={(event) => setData((event.currentTarget as HTMLTextAreaElement).value)} />
        </label>
        <label>
          {STRINGS.faqImportFile}
          <input type="file" accept=".csv,.json,text/csv,application/json" onChange={readFile} />
        </label>
        <button class="primary">{STRINGS.faqImportSubmit}</button>
      </form>
      {view}
    </section>
  );
}
