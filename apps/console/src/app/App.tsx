/** The console's entry: setup when no agent exists, login, or the workspace once signed in. */
import type { AgentView } from '@parley/protocol';
import { useEffect, useState } from 'preact/hooks';
import { api, setSessionEndedHandler } from '../api/http';
import { LoginScreen, SetupScreen } from '../screens/auth/AuthScreens';
import { STRINGS } from '../strings';
import { Workspace } from './Workspace';

type Screen = { kind: 'loading' } | { kind: 'setup' } | { kind: 'login' } | { kind: 'workspace'; me: AgentView };

export function App() {
  const [screen, setScreen] = useState<Screen>({ kind: 'loading' });
  useEffect(() => {
    setSessionEndedHandler(() => setScreen({ kind: 'login' }));
    (async () => {
      try {
        const setup = await api.get<{ needed: boolean }>('/api/v1/setup');
        if (setup.needed) return setScreen({ kind: 'setup' });
        const me = await api.get<{ agent: AgentView }>('/api/v1/me');
        setScreen({ kind: 'workspace', me: me.agent });
      } catch {
        setScreen({ kind: 'login' });
      }
    })();
  }, []);
  const signedIn = (me: AgentView) => setScreen({ kind: 'workspace', me });
  switch (screen.kind) {
    case 'loading':
      return <p class="placeholder">{STRINGS.loading}</p>;
    case 'setup':
      return <SetupScreen onDone={signedIn} />;
    case 'login':
      return <LoginScreen onDone={signedIn} />;
    case 'workspace':
      return <Workspace key={screen.me.id} me={screen.me} onLoggedOut={() => setScreen({ kind: 'login' })} />;
  }
}
