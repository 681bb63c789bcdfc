/** Protocol version and the bounds every client and the server agree on. No runtime dependencies. */

/** Bumped when a frame changes incompatibly; clients send it in their first frame. */
export const PROTOCOL_VERSION = 1;

/** Largest WebSocket frame the server reads; bigger frames close the socket with 1009. */
export const MAX_FRAME_BYTES = 64 * 1024;

/** Longest message text, in UTF-16 code units (what `String.length` counts). */
export const MAX_MESSAGE_LENGTH = 4000;

/** Longest client-generated id for a message or a command. */
export const MAX_CLIENT_ID_LENGTH = 64;

/** WebSocket close codes Parley uses. */
export const CLOSE_CODES = {
  /** Server shutting down or restarting: reconnect. */
  goingAway: 1001,
  /** Origin refused or protocol violated before authentication. */
  policy: 1008,
  /** Frame over MAX_FRAME_BYTES. */
  tooLarge: 1009,
  /** No valid credentials: do not reconnect with the same ones. */
  unauthorized: 4401,
  /** The session was ended elsewhere (logout, password change, agent disabled). */
  sessionEnded: 4403,
  /** The server failed to serve the socket: reconnect (with backoff). */
  internalError: 1011,
} as const;

/**
 * The offline form counts as spam when sent sooner than this after it was shown (a person needs longer to fill
 * it in). The widget waits out the rest before posting, so a quick person's message is never taken for spam.
 */
export const OFFLINE_MIN_FILL_MS = 3000;

/** Milliseconds a socket may stay open without authenticating. */
export const AUTH_TIMEOUT_MS = 10_000;
