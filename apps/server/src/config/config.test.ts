import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

describe('loadConfig', () => {
  it('uses the documented defaults', () => {
    const config = loadConfig({}, '/srv/parley');
    expect(config).toEqual({
      port: 3000,
      host: '127.0.0.1',
      dataDir: '/srv/parley/data',
      publicUrl: 'http://127.0.0.1:3000',
      logLevel: 'info',
    });
  });

  it('reads every variable', () => {
    const config = loadConfig(
      {
        PORT: '8080',
        HOST: '0.0.0.0',
        PARLEY_DATA_DIR: '/var/lib/parley',
        PARLEY_PUBLIC_URL: 'https://chat.example.com/',
        PARLEY_LOG_LEVEL: 'warn',
      },
      '/srv',
    );
    expect(config).toEqual({
      port: 8080,
      host: '0.0.0.0',
      dataDir: '/var/lib/parley',
      publicUrl: 'https://chat.example.com',
      logLevel: 'warn',
    });
  });

  it('names the bad variable and the value it got', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT="eighty" must be a whole number/);
    expect(() => loadConfig({ PORT: '70000' })).toThrow(/PORT="70000" must be between 0 and 65535/);
    expect(() => loadConfig({ PARLEY_PUBLIC_URL: 'chat.example.com' })).toThrow(/PARLEY_PUBLIC_URL=.*absolute/);
    expect(() => loadConfig({ PARLEY_LOG_LEVEL: 'loud' })).toThrow(/PARLEY_LOG_LEVEL="loud" must be one of/);
  });

  it('lists every bad variable at once', () => {
    expect(() => loadConfig({ PORT: '-1', PARLEY_LOG_LEVEL: 'loud' })).toThrow(/PORT[\s\S]*PARLEY_LOG_LEVEL/);
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ PORT: '', HOST: '' }).port).toBe(3000);
  });
});
