import { describe, expect, it } from 'vitest';
import { consoleOriginAllowed } from './console-origin';

describe('consoleOriginAllowed', () => {
  const publicUrl = 'https://chat.example.com';

  it('accepts the public URL origin', () => {
    expect(consoleOriginAllowed('https://chat.example.com', 'internal:3000', publicUrl)).toBe(true);
  });

  it('accepts the origin the request was addressed to', () => {
    expect(consoleOriginAllowed('http://127.0.0.1:4123', '127.0.0.1:4123', publicUrl)).toBe(true);
  });

  it('refuses a foreign page, a missing origin and garbage', () => {
    expect(consoleOriginAllowed('https://evil.example', 'chat.example.com', publicUrl)).toBe(false);
    expect(consoleOriginAllowed('https://chat.example.com.evil.example', 'chat.example.com', publicUrl)).toBe(false);
    expect(consoleOriginAllowed(undefined, 'chat.example.com', publicUrl)).toBe(false);
    expect(consoleOriginAllowed('null', 'chat.example.com', publicUrl)).toBe(false);
  });
});
