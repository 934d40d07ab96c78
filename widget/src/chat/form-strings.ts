import type { Locale } from './i18n';

/** The strings of the forms in lazy chunks (LeaveForm, FeedbackForm): loaded with them. */
const en = {
  nobody: "No one is available right now. Leave your email and a message and we'll get back to you.",
  hours: 'Hours: ',
  email: 'Email',
  message: 'Message',
  cancel: 'Cancel',
  badEmail: 'Please enter a valid email address.',
  noText: 'Please write a message.',
  whatWrong: 'What went wrong? (optional)',
  feedbackThanks: 'Thanks for telling us.',
};

export type FormStrings = typeof en;

export const formStrings: Record<Locale, FormStrings> = {
  en,
  'zh-CN': {
    nobody: '暂无客服在线。请留下邮箱和留言，我们会尽快回复。',
    hours: '服务时间：',
    email: '邮箱',
    message: '留言',
    cancel: '取消',
    badEmail: '请输入有效的邮箱。',
    noText: '请填写留言。',
    whatWrong: '哪里不对？（选填）',
    feedbackThanks: '谢谢反馈！',
  },
};
