/**
 * Fills canned-response variables: `{{visitor.name}}`, `{{visitor.email}}`, `{{agent.name}}`,
 * `{{site.name}}` and `{{attributes.X}}`. A missing value falls back to something that still reads well
 * ("there" for a name); unknown variables are left as typed so the agent notices them.
 */
export interface VariableContext {
  visitor: { name: string | null; email: string | null; attributes: Record<string, string | number | boolean | null> };
  agent: { name: string };
  site: { name: string };
}

const FALLBACKS: Record<string, string> = {
  'visitor.name': 'there',
  'visitor.email': 'your email',
  'agent.name': 'our team',
  'site.name': 'our store',
};

export function fillVariables(template: string, context: VariableContext): string {
  return template.replace(/\{\{\s*([A-Za-z0-9_.-]+)\s*\}\}/g, (match, name: string) => {
    const value = lookup(name, context);
    if (value !== undefined && value !== null && String(value).trim() !== '') return String(value);
    if (name in FALLBACKS) return FALLBACKS[name]!;
    return name.startsWith('attributes.') ? '' : match;
  });
}

function lookup(name: string, context: VariableContext): string | number | boolean | null | undefined {
  if (name === 'visitor.name') return context.visitor.name;
  if (name === 'visitor.email') return context.visitor.email;
  if (name === 'agent.name') return context.agent.name;
  if (name === 'site.name') return context.site.name;
  if (name.startsWith('attributes.')) return context.visitor.attributes[name.slice('attributes.'.length)];
  return undefined;
}
