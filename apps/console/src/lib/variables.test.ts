import { describe, expect, it } from 'vitest';
import { fillVariables, type VariableContext } from './variables';

const context: VariableContext = {
  visitor: { name: 'Maya', email: 'maya@example.com', attributes: { orderId: 'A-1001', total: 59.5, empty: '' } },
  agent: { name: 'Ana' },
  site: { name: 'Boot Barn' },
};

describe('canned response variables', () => {
  it('fills visitor, agent, site and custom attributes', () => {
    expect(fillVariables('Hi {{visitor.name}}, {{agent.name}} from {{site.name}}. Order {{ attributes.orderId }} ({{attributes.total}}) → {{visitor.email}}', context))
      .toBe('Hi Maya, Ana from Boot Barn. Order A-1001 (59.5) → maya@example.com');
  });

  it('falls back sensibly when a value is missing', () => {
    const anonymous = { ...context, visitor: { name: null, email: null, attributes: {} } };
    expect(fillVariables('Hi {{visitor.name}}! Order {{attributes.orderId}}.', anonymous)).toBe('Hi there! Order .');
    expect(fillVariables('Mail to {{visitor.email}} {{attributes.empty}}', anonymous)).toBe('Mail to your email ');
  });

  it('leaves unknown variables visible', () => {
    expect(fillVariables('{{cart.total}}', context)).toBe('{{cart.total}}');
  });
});
