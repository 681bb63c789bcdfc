/**
 * Which browser origins may act as the console: the public URL's origin, or the server's own origin as
 * the request reached it. A request without an Origin header is refused (every browser sends one on
 * WebSocket handshakes and cross-site requests).
 */
export function consoleOriginAllowed(origin: string | undefined, host: string | undefined, publicUrl: string): boolean {
  if (!origin) return false;
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return false;
  }
  if (parsed.origin === new URL(publicUrl).origin) return true;
  return host !== undefined && (parsed.protocol === 'http:' || parsed.protocol === 'https:') && parsed.host === host;
}
