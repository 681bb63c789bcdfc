/**
 * @parley/protocol: the contract between the widget, the console and the server. Every frame and
 * body is parsed with these schemas at the boundary. The widget imports types only (and constants from
 * `@parley/protocol/constants`), so zod never ships to shoppers.
 */
export * from './constants';
export * from './shared/views';
export * from './shared/events';
export * from './visitor/commands';
export * from './agent/commands';
export * from './rest/bodies';
export * from './parse/parse-frame';
export * from './console/bodies';
export * from './fallback/fallback';
