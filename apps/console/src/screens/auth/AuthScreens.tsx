/** First-run setup (creates the first admin) and login. Both end with the signed-in agent. */
import type { AgentView } from '@parley/protocol';
import { useState } from 'preact/hooks';
import { api, ApiError } from '../../api/http';
import { errorText, STRINGS } from '../../strings';

type Field = { name: string; label: string; type: string; autocomplete: string };

function AuthForm(props: { title: string; intro?: string; fields: Field[]; submit: string; onSubmit: (values: Record<string, string>) => Promise<void> }) {
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  return (
    <main class="auth">
      <form
        class="card"
        onSubmit={async (event) => {
          event.preventDefault();
          const values = Object.fromEntries(new FormData(event.currentTarget as HTMLFormElement).entries()) as Record<string, string>;
          setBusy(true);
          setError(undefined);
          try {
            await props.onSubmit(values);
          } catch (caught) {
            setError(caught instanceof ApiError ? errorText(caught.code, caught.message) : STRINGS.errorGeneric);
          } finally {
            setBusy(false);
          }
        }}
      >
        <h1>{props.title}</h1>
        {props.intro && <p>{props.intro}</p>}
        {props.fields.map((field) => (
          <label key={field.name}>
            {field.label}
            <input name={field.name} type={field.type} autoComplete={field.autocomplete} required />
          </label>
        ))}
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
        <button class="primary" type="submit" disabled={busy}>
          {props.submit}
        </button>
      </form>
    </main>
  );
}

export function SetupScreen(props: { onDone: (agent: AgentView) => void }) {
  return (
    <AuthForm
      title={STRINGS.setupTitle}
      intro={STRINGS.setupIntro}
      submit={STRINGS.setupSubmit}
      fields={[
        { name: 'storeName', label: STRINGS.setupStoreName, type: 'text', autocomplete: 'organization' },
        { name: 'name', label: STRINGS.name, type: 'text', autocomplete: 'name' },
        { name: 'email', label: STRINGS.email, type: 'email', autocomplete: 'email' },
        { name: 'password', label: STRINGS.password, type: 'password', autocomplete: 'new-password' },
      ]}
      onSubmit={async (values) => props.onDone((await api.post<{ agent: AgentView }>('/api/v1/setup', values)).agent)}
    />
  );
}

export function LoginScreen(props: { onDone: (agent: AgentView) => void }) {
  return (
    <AuthForm
      title={STRINGS.loginTitle}
      submit={STRINGS.loginSubmit}
      fields={[
        { name: 'email', label: STRINGS.email, type: 'email', autocomplete: 'username' },
        { name: 'password', label: STRINGS.password, type: 'password', autocomplete: 'current-password' },
      ]}
      onSubmit={async (values) => props.onDone((await api.post<{ agent: AgentView }>('/api/v1/auth/login', values)).agent)}
    />
  );
}
