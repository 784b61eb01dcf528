/** The contract's names alone (no zod), for the preload bridge to allow-list cheaply. */
export const CHANNEL_NAMES = [
  'session:get',
  'incident:list',
  'incident:get',
  'incident:create',
  'incident:update',
  'timeline:get',
  'chat:send',
  'message:mark',
  'command:confirm',
  'command:list',
  'suggest:get',
  'suggest:stats',
  'suggest:dismiss',
  'search:query',
  'settings:get',
  'settings:update',
  'secret:set',
  'status:get',
  'incident:export',
  'incident:reopen',
  'archive:list',
  'archive:timeline',
  'archive:verify',
  'archive:export',
  'report:render',
  'kpi:get',
  'upload:begin',
  'upload:chunk',
  'upload:finish',
  'upload:abort',
  'identity:set',
  'roster:list',
  'roster:set',
  'incident:restrict'
] as const
export type ChannelName = (typeof CHANNEL_NAMES)[number]

export const EVENT_NAMES = ['incident:changed', 'message:added', 'message:changed', 'alert:raised', 'status:changed', 'incident:hidden', 'timeline:stale'] as const
export type EventNameLiteral = (typeof EVENT_NAMES)[number]

export function isChannel(name: unknown): name is ChannelName {
  return typeof name === 'string' && (CHANNEL_NAMES as readonly string[]).includes(name)
}

export function isEventName(name: unknown): name is EventNameLiteral {
  return typeof name === 'string' && (EVENT_NAMES as readonly string[]).includes(name)
}
