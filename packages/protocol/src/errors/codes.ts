/**
 * The one table of stable error codes. Codes never change meaning; messages are for developers and logs,
 * user-facing text comes from each client's string table keyed by code.
 */
export const ERROR_CODES = {
  bad_json: { status: 400, message: 'The frame is not valid JSON.' },
  unknown_frame: { status: 400, message: 'The frame type is not known.' },
  invalid_frame: { status: 400, message: 'The frame does not match its schema.' },
  invalid_body: { status: 400, message: 'The request body does not match its schema.' },
  message_too_long: { status: 400, message: 'The message is longer than the limit.' },
  frame_too_large: { status: 413, message: 'The frame is larger than the limit.' },
  not_authenticated: { status: 401, message: 'Authenticate first.' },
  invalid_token: { status: 401, message: 'The visitor token is not valid.' },
  invalid_credentials: { status: 401, message: 'Email or password is wrong.' },
  session_required: { status: 401, message: 'Log in first.' },
  forbidden: { status: 403, message: 'You are not allowed to do that.' },
  identity_unverified: { status: 403, message: 'This store requires a valid userHash to identify a shopper.' },
  origin_not_allowed: { status: 403, message: 'This origin may not connect.' },
  conversation_not_found: { status: 404, message: 'No such conversation for you.' },
  agent_not_found: { status: 404, message: 'No such agent.' },
  site_not_found: { status: 404, message: 'No site has that key.' },
  not_found: { status: 404, message: 'Not found.' },
  conversation_closed: { status: 409, message: 'The conversation is closed.' },
  conversation_not_closed: { status: 409, message: 'Only a closed conversation can be rated.' },
  already_assigned: { status: 409, message: 'The conversation was already taken.' },
  not_assigned_to_you: { status: 409, message: 'The conversation is assigned to another agent.' },
  setup_done: { status: 409, message: 'Setup is already done.' },
  email_taken: { status: 409, message: 'An agent with that email exists.' },
  already_authenticated: { status: 409, message: 'This socket is already authenticated.' },
  unsupported_protocol: { status: 400, message: 'The protocol version is not supported.' },
  newer_conversation_open: { status: 409, message: 'The shopper has another conversation open.' },
  shortcut_taken: { status: 409, message: 'A canned response with that shortcut exists.' },
  wrong_password: { status: 403, message: 'The current password is wrong.' },
  cannot_change_self: { status: 409, message: 'You cannot disable yourself or remove your own admin role.' },
  rate_limited: { status: 429, message: 'Too many requests; slow down.' },
  internal_error: { status: 500, message: 'Something went wrong on the server.' },
} as const satisfies Record<string, { status: number; message: string }>;

/** A stable error code. */
export type ErrorCode = keyof typeof ERROR_CODES;

/** True when `value` is one of the known codes. */
export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(ERROR_CODES, value);
}
