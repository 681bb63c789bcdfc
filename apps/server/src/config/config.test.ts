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
      smtpUrl: undefined,
      mailFrom: 'Parley <parley@localhost>',
      demo: { port: 3001 },
      trustProxy: false,
      metrics: { enabled: false, token: undefined },
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
        PARLEY_SMTP_URL: 'smtp://mailer:secret@mail.example.com:587',
        PARLEY_MAIL_FROM: 'Boot Barn <shop@boots.example>',
        PARLEY_DEMO: '0',
        PARLEY_TRUST_PROXY: '10.0.0.0/8,127.0.0.1',
        PARLEY_METRICS: '1',
        PARLEY_METRICS_TOKEN: 'a-long-scraper-token-123',
      },
      '/srv',
    );
    expect(config).toEqual({
      port: 8080,
      host: '0.0.0.0',
      dataDir: '/var/lib/parley',
      publicUrl: 'https://chat.example.com',
      logLevel: 'warn',
      smtpUrl: 'smtp://mailer:secret@mail.example.com:587',
      mailFrom: 'Boot Barn <shop@boots.example>',
      demo: null,
      trustProxy: ['10.0.0.0/8', '127.0.0.1'],
      metrics: { enabled: true, token: 'a-long-scraper-token-123' },
    });
  });

  it('names the bad variable and the value it got', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT="eighty" must be a whole number/);
    expect(() => loadConfig({ PORT: '70000' })).toThrow(/PORT="70000" must be between 0 and 65535/);
    expect(() => loadConfig({ PARLEY_PUBLIC_URL: 'chat.example.com' })).toThrow(/PARLEY_PUBLIC_URL=.*absolute/);
    expect(() => loadConfig({ PARLEY_LOG_LEVEL: 'loud' })).toThrow(/PARLEY_LOG_LEVEL="loud" must be one of/);
    expect(() => loadConfig({ PARLEY_SMTP_URL: 'mailer:hunter2@mail.example.com' })).toThrow(/PARLEY_SMTP_URL=\(value hidden\) must look like smtp:\/\//);
    expect(() => loadConfig({ PARLEY_SMTP_URL: 'mailer:hunter2@mail.example.com' })).not.toThrow(/hunter2/);
  });

  it('lists every bad variable at once', () => {
    expect(() => loadConfig({ PORT: '-1', PARLEY_LOG_LEVEL: 'loud' })).toThrow(/PORT[\s\S]*PARLEY_LOG_LEVEL/);
  });

  it('puts the demo store next to the server unless told otherwise', () => {
    expect(loadConfig({ PORT: '8080' }).demo).toEqual({ port: 8081 });
    expect(loadConfig({ PARLEY_DEMO_PORT: '4000' }).demo).toEqual({ port: 4000 });
    expect(() => loadConfig({ PARLEY_DEMO: 'yes' })).toThrow(/PARLEY_DEMO="yes" must be 0 \(off\) or 1 \(on\)/);
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ PORT: '', HOST: '' }).port).toBe(3000);
  });

  it('keeps the metrics token out of its error message', () => {
    let message = '';
    try {
      loadConfig({ PARLEY_METRICS_TOKEN: 'short-secret', PARLEY_METRICS: 'yes' });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('PARLEY_METRICS_TOKEN=(value hidden) must be at least 16 characters');
    expect(message).toContain('PARLEY_METRICS="yes" must be 0 (off) or 1');
    expect(message).not.toContain('short-secret');
  });
});
