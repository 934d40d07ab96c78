import type { ConnectRefusal, WireError } from '../../../backend/src/chat/widget.events';
import type { ViewStatus } from './stream';

export type Locale = 'zh-CN' | 'en';

const en = {
  /** Which table this is (the lazily loaded forms pick theirs from form-strings.ts with it). */
  locale: 'en' as Locale,
  title: 'Chat',
  demo: 'demo',
  demoTitle: 'Demo mode: replies come from a simulator',
  newConversation: 'New conversation',
  /** The new-conversation button's visible word (its name is `newConversation`, which contains it). */
  newShort: 'New',
  history: 'Earlier conversations',
  close: 'Close chat',
  placeholder: 'Type a message…',
  send: 'Send',
  stop: 'Stop',
  typing: 'Typing…',
  you: 'You',
  connecting: 'Connecting…',
  offline: 'Connection lost. Reconnecting…',
  sendFailed: 'The message could not be sent. Please try again.',
  suggestions: 'Suggestions',
  retry: 'Retry',
  truncated: 'The reply was cut short at its length limit',
  up: 'Helpful',
  down: 'Not helpful',
  sources: 'Sources',
  /** A citation's accessible name. */
  source: (n: number, title: string) => `Source ${n}: ${title}`,
  handoff: 'Talk to a person',
  staff: 'Staff',
  waiting: 'Someone will reply here soon.',
  joined: (name: string) => `${name} has joined`,
  back: 'You are chatting with the bot again',
  closed: 'This conversation was closed',
  /** The bot's length limit, next to the composer's counter. */
  limit: (max: number) => `At most ${max} characters.`,
  tooFast: 'You are sending messages too quickly.',
  /** How long to wait: n seconds, or n minutes (after a sentence: its own leading space where the language has one). */
  retryIn: (n: number, minutes?: boolean) => ` Try again in ${n} ${minutes ? 'min' : 's'}.`,
  thanks: "Thanks — we'll reply by email.",
  status: {
    queued: 'Will be sent when the connection is back',
    stopped: 'Stopped',
    failed: 'The reply failed',
    filtered: 'This reply was withheld by the content filter',
  } as Partial<Record<ViewStatus, string>>,
  refusal: {
    unknown_bot: 'This chat is not available.',
    origin_not_allowed: 'This chat is not enabled on this website.',
    bot_disabled: 'This chat is currently turned off.',
    rate_limited: 'Too many connections. Please try again in a moment.',
    unavailable: 'The chat is unavailable right now. Trying again…',
    identity_required: 'Please sign in to chat.',
    identity_invalid: 'Your sign-in could not be verified. Please sign in again.',
  } satisfies Record<ConnectRefusal, string>,
};

export type Strings = typeof en;

const zhCN: Strings = {
  locale: 'zh-CN',
  title: '聊天',
  demo: '演示',
  demoTitle: '演示模式：回复来自模拟器',
  newConversation: '新对话',
  newShort: '新对话',
  history: '历史对话',
  close: '关闭聊天',
  placeholder: '输入消息…',
  send: '发送',
  stop: '停止',
  typing: '正在输入…',
  you: '你',
  connecting: '正在连接…',
  offline: '连接已断开，正在重新连接…',
  sendFailed: '消息未能发送，请重试。',
  suggestions: '推荐问题',
  retry: '重试',
  truncated: '回复已达长度上限，内容不完整',
  up: '有帮助',
  down: '没有帮助',
  sources: '来源',
  source: (n, title) => `来源 ${n}：${title}`,
  handoff: '转人工',
  staff: '客服',
  waiting: '已为您转接人工客服，请稍候，回复会显示在这里。',
  joined: (name) => `${name} 已接入`,
  back: '已切换回智能助手',
  closed: '本次对话已结束',
  limit: (max) => `最多 ${max} 字。`,
  tooFast: '发送太频繁。',
  retryIn: (n, minutes) => `请 ${n} ${minutes ? '分钟' : '秒'}后再试。`,
  thanks: '谢谢，我们会通过邮件回复。',
  status: {
    queued: '连接恢复后发送',
    stopped: '已停止',
    failed: '回复失败',
    filtered: '此回复已被内容过滤器拦截',
  },
  refusal: {
    unknown_bot: '此聊天不可用。',
    origin_not_allowed: '此网站未启用该聊天。',
    bot_disabled: '此聊天已关闭。',
    rate_limited: '连接过于频繁，请稍后再试。',
    unavailable: '聊天暂时不可用，正在重试…',
    identity_required: '请先登录再聊天。',
    identity_invalid: '无法验证你的登录身份，请重新登录。',
  },
};

const tables: Record<Locale, Strings> = { en, 'zh-CN': zhCN };

/** The launcher's labels; separate so the loader bundles only these. */
export const launcherStrings: Record<Locale, { open: string; close: string }> = {
  en: { open: 'Open chat', close: 'Close chat' },
  'zh-CN': { open: '打开聊天', close: '关闭聊天' },
};

/** Maps a language tag onto a table we have; `undefined` when we have none for it. */
export function supportedLocale(tag: string | undefined | null): Locale | undefined {
  const lang = /^\s*(zh|en)(?:[-_\s]|$)/i.exec(tag ?? '')?.[1].toLowerCase();
  return lang ? (lang === 'zh' ? 'zh-CN' : 'en') : undefined;
}

/**
 * The first we have strings for: callers pass `data-locale`, then the browser's languages, then
 * the bot's locale (so a visitor reads the controls in their own language when the widget has it);
 * English when none is supported.
 */
export function pickLocale(...candidates: Array<string | undefined | null>): Locale {
  for (const candidate of candidates) {
    const locale = supportedLocale(candidate);
    if (locale) return locale;
  }
  return 'en';
}

export function strings(locale: Locale): Strings {
  return tables[locale];
}

/**
 * An error as the visitor reads it, with how long to wait when it says. (A message over the bot's
 * length limit is not sent: the composer's counter names the limit.)
 */
export function errorText(t: Strings, { code, message, retryAfterMs: ms }: WireError): string {
  const text = ms && code === 'rate_limited' ? t.tooFast : message || t.sendFailed;
  // Seconds up to two minutes, then minutes.
  const minutes = ms! > 12e4;
  return ms ? text + t.retryIn(Math.ceil(ms / (minutes ? 6e4 : 1e3)), minutes) : text;
}
