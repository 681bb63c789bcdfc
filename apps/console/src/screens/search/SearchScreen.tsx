/** Search across transcripts; each hit shows the matched words highlighted and opens its conversation. */
import { SEARCH_MARK_END, SEARCH_MARK_START, type SearchHit } from '@parley/protocol';
import { useState } from 'preact/hooks';
import { api, ApiError } from '../../api/http';
import { clockTime } from '../../lib/time';
import { errorText, STRINGS } from '../../strings';

/** Splits a snippet at the server's hit marks into plain and highlighted pieces (rendered as text). */
export function snippetParts(snippet: string): Array<{ text: string; hit: boolean }> {
  const parts: Array<{ text: string; hit: boolean }> = [];
  for (const [index, piece] of snippet.split(SEARCH_MARK_START).entries()) {
    const [hit, rest] = index === 0 ? [undefined, piece] : piece.split(SEARCH_MARK_END);
    if (hit) parts.push({ text: hit, hit: true });
    if (rest) parts.push({ text: rest, hit: false });
  }
  return parts;
}

export function SearchScreen() {
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<SearchHit[]>();
  const [error, setError] = useState<string>();
  const search = async (event: Event) => {
    event.preventDefault();
    if (!query.trim()) return;
    try {
      setError(undefined);
      setHits((await api.get<{ hits: SearchHit[] }>(`/api/v1/console/search?q=${encodeURIComponent(query)}`)).hits);
    } catch (caught) {
      setError(caught instanceof ApiError ? errorText(caught.code, caught.message) : STRINGS.errorGeneric);
    }
  };
  return (
    <main class="page search">
      <h1>{STRINGS.searchTitle}</h1>
      <form onSubmit={search}>
        <input
          type="search"
          autoFocus
          aria-label={STRINGS.searchPlaceholder}
          placeholder={STRINGS.searchPlaceholder}
          value={query}
          onInput={(event) => setQuery((event.currentTarget as HTMLInputElement).value)}
        />{' '}
        <button class="primary">{STRINGS.navSearch}</button>
      </form>
      {error && <p class="error">{error}</p>}
      {hits && hits.length === 0 && <p class="empty">{STRINGS.searchNone}</p>}
      <ul class="search-hits">
        {hits?.map((hit) => (
          <li key={hit.messageId} class={hit.internal ? 'note' : ''}>
            <a href={`#/inbox/c/${encodeURIComponent(hit.conversationId)}`}>
              <strong>{hit.visitorName}</strong> <time>{new Date(hit.createdAt).toLocaleDateString()} {clockTime(hit.createdAt)}</time>
              {hit.internal && <span class="note-label">{STRINGS.internalNote}</span>}
              <div class="snippet">
                {snippetParts(hit.snippet).map((part, index) => (part.hit ? <mark key={index}>{part.text}</mark> : <span key={index}>{part.text}</span>))}
              </div>
            </a>
          </li>
        ))}
      </ul>
    </main>
  );
}
