import type { ErrorCode, WireError } from './widget.events';

/** A failure of a visitor's request, answered in an ack as `{ ok: false, error }`. */
export class ChatError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly retryAfterMs?: number,
  ) {
    super(code);
  }
}

type Messages = Record<ErrorCode, string>;

const zh: Messages = {
  bad_request: '请求无效，请刷新页面后重试。',
  too_long: '消息太长了，请缩短后再发送。',
  busy: '请等当前回复完成后再发送。',
  rate_limited: '发送太频繁了，请稍后再试。',
  budget_exceeded: '对话额度已用完，请稍后再来。',
  content_filtered: '抱歉，这个问题无法回答。',
  upstream_rate_limited: '当前咨询人数较多，请稍后再试。',
  upstream_unavailable: '服务暂时不可用，请稍后再试。',
  not_found: '找不到这条内容。',
  internal: '出了点问题，请稍后再试。',
};

const en: Messages = {
  bad_request: 'That request was not understood. Please reload the page and try again.',
  too_long: 'That message is too long. Please shorten it and send it again.',
  busy: 'Please wait for the current reply to finish.',
  rate_limited: 'You are sending messages too quickly. Please try again shortly.',
  budget_exceeded: 'The conversation limit has been reached for now. Please come back later.',
  content_filtered: 'Sorry, this question cannot be answered.',
  upstream_rate_limited: 'We are busy right now. Please try again in a moment.',
  upstream_unavailable: 'The assistant is unavailable right now. Please try again later.',
  not_found: 'That could not be found.',
  internal: 'Something went wrong. Please try again later.',
};

export function errorMessage(code: ErrorCode, locale: string): string {
  return (locale.toLowerCase().startsWith('zh') ? zh : en)[code];
}

export function toWireError(code: ErrorCode, locale: string, retryAfterMs?: number): WireError {
  return retryAfterMs === undefined ? { code, message: errorMessage(code, locale) } : { code, message: errorMessage(code, locale), retryAfterMs };
}
