/** Admin: the team. Add agents, change name/role/capacity, disable or enable them, reset passwords. */
import type { AgentAdminView, AgentView } from '@parley/protocol';
import { useEffect, useState } from 'preact/hooks';
import { api } from '../../api/http';
import { STRINGS, t } from '../../strings';
import { useStatus } from '../settings/status';

export function AgentsScreen(props: { me: AgentView }) {
  const [agents, setAgents] = useState<AgentAdminView[]>([]);
  const { run, view } = useStatus();
  const load = () => api.get<{ agents: AgentAdminView[] }>('/api/v1/console/agents').then((r) => setAgents(r.agents));
  useEffect(() => void load().catch(() => {}), []);

  const update = (agent: AgentAdminView, patch: Record<string, unknown>) =>
    run(async () => {
      await api.patch(`/api/v1/console/agents/${agent.id}`, patch);
      await load();
    });
  const resetPassword = (agent: AgentAdminView) => {
    const password = window.prompt(t('resetPasswordPrompt', { name: agent.name }));
    if (password) void run(() => api.post(`/api/v1/console/agents/${agent.id}/password`, { password }));
  };

  return (
    <main class="page agents">
      <h1>{STRINGS.agentsTitle}</h1>
      {view}
      <table>
        <thead>
          <tr>
            <th>{STRINGS.name}</th>
            <th>{STRINGS.email}</th>
            <th>{STRINGS.role}</th>
            <th>{STRINGS.capacityLabel}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {agents.map((agent) => (
            <tr key={agent.id} class={agent.disabled ? 'disabled' : ''}>
              <td>
                <input aria-label={STRINGS.name} value={agent.name} onChange={(e) => update(agent, { name: (e.currentTarget as HTMLInputElement).value })} />
              </td>
              <td>
                <input aria-label={STRINGS.email} type="email" value={agent.email} onChange={(e) => update(agent, { email: (e.currentTarget as HTMLInputElement).value })} />
              </td>
              <td>
                <select
                  aria-label={STRINGS.role}
                  value={agent.role}
                  disabled={agent.id === props.me.id}
                  onChange={(e) => update(agent, { role: (e.currentTarget as HTMLSelectElement).value })}
                >
                  <option value="agent">{STRINGS.roleAgent}</option>
                  <option value="admin">{STRINGS.roleAdmin}</option>
                </select>
              </td>
              <td>
                <input
                  aria-label={STRINGS.capacityLabel}
                  type="number"
                  min={0}
                  max={100}
                  value={agent.capacity}
                  onChange={(e) => update(agent, { capacity: Number((e.currentTarget as HTMLInputElement).value) })}
                />
              </td>
              <td>
                {agent.id !== props.me.id && (
                  <button onClick={() => update(agent, { disabled: !agent.disabled })}>{agent.disabled ? STRINGS.enable : STRINGS.disable}</button>
                )}{' '}
                <button onClick={() => resetPassword(agent)}>{STRINGS.resetPassword}</button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>{STRINGS.addAgent}</h2>
      <form
        class="card"
        onSubmit={async (event) => {
          event.preventDefault();
          const form = event.currentTarget as HTMLFormElement;
          const data = Object.fromEntries(new FormData(form).entries()) as Record<string, string>;
          const ok = await run(async () => {
            await api.post('/api/v1/console/agents', { ...data, capacity: Number(data.capacity) });
            await load();
          });
          if (ok) form.reset();
        }}
      >
        <label>
          {STRINGS.name}
          <input name="name" required />
        </label>
        <label>
          {STRINGS.email}
          <input name="email" type="email" required />
        </label>
        <label>
          {STRINGS.role}
          <select name="role">
            <option value="agent">{STRINGS.roleAgent}</option>
            <option value="admin">{STRINGS.roleAdmin}</option>
          </select>
        </label>
        <label>
          {STRINGS.capacityLabel}
          <input name="capacity" type="number" min={0} max={100} value={5} />
        </label>
        <label>
          {STRINGS.password}
          <input name="password" type="password" minLength={8} autoComplete="new-password" required />
        </label>
        <button class="primary">{STRINGS.addAgent}</button>
      </form>
    </main>
  );
}
