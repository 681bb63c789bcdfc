import { describe, expect, it } from 'vitest';
import { MemoryStorage } from '../../../test/memory-storage';
import { Outbox } from './outbox';
import { WidgetStorage } from './storage';

describe('WidgetStorage', () => {
  it('writes nothing until the shopper engages, then writes what was kept', () => {
    const backend = new MemoryStorage();
    const storage = new WidgetStorage('parley:site_1:', backend);
    storage.set('token', 't');
    expect(backend.length).toBe(0);
    expect(storage.get('token')).toBe('t');
    storage.persist();
    expect(backend.getItem('parley:site_1:token')).toBe('t');
  });

  it('reads what an earlier page stored, for a returning shopper', () => {
    const backend = new MemoryStorage();
    backend.setItem('parley:site_1:token', 'earlier');
    expect(new WidgetStorage('parley:site_1:', backend).get('token')).toBe('earlier');
  });

  it('keeps working from memory when storage throws (privacy mode, quota)', () => {
    const broken = new MemoryStorage();
    broken.setItem = () => {
      throw new Error('QuotaExceededError');
    };
    const storage = new WidgetStorage('p:', broken);
    storage.persist();
    storage.set('token', 'kept');
    expect(storage.get('token')).toBe('kept');
  });
});

describe('Outbox', () => {
  it('keeps entries in order across a reload and drops acknowledged ones', () => {
    const backend = new MemoryStorage();
    const first = new WidgetStorage('p:', backend);
    first.persist();
    const outbox = new Outbox(first);
    outbox.add({ clientId: 'a', text: 'one', createdAt: 1 });
    outbox.add({ clientId: 'b', text: 'two', createdAt: 2 });
    outbox.add({ clientId: 'a', text: 'one', createdAt: 1 });
    const afterReload = new WidgetStorage('p:', backend);
    afterReload.persist(); // a returning shopper has engaged before
    const reloaded = new Outbox(afterReload);
    expect(reloaded.entries().map((e) => e.text)).toEqual(['one', 'two']);
    reloaded.remove('a');
    expect(new Outbox(new WidgetStorage('p:', backend)).entries().map((e) => e.clientId)).toEqual(['b']);
  });

  it('ignores corrupted storage instead of breaking', () => {
    const backend = new MemoryStorage();
    backend.setItem('p:outbox', '{not json');
    expect(new Outbox(new WidgetStorage('p:', backend)).entries()).toEqual([]);
  });
});
