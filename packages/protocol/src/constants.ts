/**
 * Runtime constants with no dependencies: safe for the widget to bundle. Everything else in this package
 * is types (erased) or zod schemas (server and console only).
 */
export * from './limits/limits';
export * from './errors/codes';
export * from './events/names';
