import type { Locale } from './i18n';

/** The strings of the conversation sheet (ConversationSheet, a lazy chunk): loaded with it. */
const en = {
  confirmTitle: 'Start a new conversation?',
  kept: 'This conversation is kept: you can reopen it from Earlier conversations.',
  start: 'Start new',
  cancel: 'Cancel',
  close: 'Close',
  loading: 'Loading…',
  failed: 'The conversations could not be loaded.',
  none: 'No earlier conversations yet.',
  current: 'Current',
  count: (n: number) => (n === 1 ? '1 message' : `${n} messages`),
};

export type ConversationStrings = typeof en;

export const conversationStrings: Record<Locale, ConversationStrings> = {
  en,
  'zh-CN': {
    confirmTitle: '开始新对话？',
    kept: '当前对话会保留，可在“历史对话”中重新打开。',
    start: '开始新对话',
    cancel: '取消',
    close: '关闭',
    loading: '正在加载…',
    failed: '无法加载历史对话。',
    none: '还没有历史对话。',
    current: '当前',
    count: (n) => `${n} 条消息`,
  },
};
