/**
 * The simulator's demo reply. It says plainly that it is not a real model,
 * names the bot's role (from the system prompt), quotes the visitor's
 * question and answers in the conversation's language. Deterministic, so tests
 * can assert on it; a few sentences long so streaming is visible.
 */
import type { ReplyRequest, SimulatorMessage } from './simulator.options';

export { splitIntoPieces } from './simulator.tokens';

const HAN = /\p{Script=Han}/u;
const ROLE_MAX_CHARS = 60;
const QUOTE_MAX_CHARS = 40;

/** True if the text holds CJK (Han) characters. */
export const isChinese = (text: string): boolean => HAN.test(text);

export function demoReply({ messages }: ReplyRequest): string {
  const question = [...messages].reverse().find((m) => m.role === 'user')?.content ?? '';
  const chinese = isChinese(question);
  const role = roleOf(messages, chinese);
  const quote = truncate(question.replace(/\s+/g, ' ').trim(), QUOTE_MAX_CHARS);
  // Told how to hand over (a bot that allows handoff), asked for a person: it hands over, as a model would.
  const handoff = messages.find((m) => m.role === 'system' && HANDOFF_ASKED.test(m.content))?.content.match(/exactly (\[\[\w+\]\])/)?.[1];
  if (handoff && ASKS_FOR_PERSON.test(question)) return handoff;
  const passage = bestPassage(messages);
  if (passage) {
    const text = truncate(passage.text.replace(/\s+/g, ' ').trim(), PASSAGE_MAX_CHARS);
    return chinese
      ? `（演示回复，来自内置模拟器；我的角色：${role}）根据网站资料「${passage.title}」：${text} [${passage.n}]`
      : `(Demo reply from the built-in simulator; my role: ${role}.) From the site's page "${passage.title}": ${text} [${passage.n}]`;
  }
  if (messages.some((m) => m.role === 'system' && m.content.startsWith(NOTHING_FOUND))) {
    return chinese
      ? '（演示回复，来自内置模拟器）抱歉，网站资料中没有找到这个问题的答案，请直接联系我们。'
      : "(Demo reply from the built-in simulator.) Sorry, the site's documents do not answer this; please contact us directly.";
  }
  if (chinese) {
    return (
      `您好！这是内置模拟器生成的演示回复，并非真实的 AI 模型。我在这里扮演的角色是：${role}。` +
      `您的问题是“${quote}”。演示模式下的回复都在本地生成，` +
      '配置 Azure OpenAI 端点和密钥后即可获得真正的回答。'
    );
  }
  return (
    `Hello! This is a demo reply from the built-in simulator, not a real AI model. My role here: ${role}. ` +
    `You asked: "${quote || '(nothing yet)'}". In demo mode every reply is generated locally and Azure OpenAI is not called. ` +
    'Configure an Azure OpenAI endpoint and key to get real answers.'
  );
}

const PASSAGE_MAX_CHARS = 160;
/** The prompt builder's handoff instruction (handoff/handoff-marker.ts), and a visitor asking for a person. */
const HANDOFF_ASKED = /talk to a human.*reply with exactly \[\[/s;
const ASKS_FOR_PERSON = /\b(human|real person|a person|someone real|agent)\b|人工|真人/i;
/** How the prompt builder opens its passages message, and its "nothing matched" note (prompt/passages.ts). */
const PASSAGES_HEAD = 'Passages from the documents';
const NOTHING_FOUND = 'No passage of the site';

/** The first passage the prompt gave (the best ranked): `[n] title (url)` then its text. */
export function bestPassage(messages: SimulatorMessage[]): { n: number; title: string; text: string } | undefined {
  const block = messages.find((m) => m.role === 'system' && m.content.startsWith(PASSAGES_HEAD))?.content.split('\n\n')[1];
  const match = block && /^\[(\d+)\] ([^\n]*)\n([\s\S]+)$/u.exec(block);
  if (!match) return undefined;
  const title = match[2].replace(/ \(https?:\/\/[^)]*\)$/u, '');
  return { n: Number(match[1]), title, text: match[3] };
}

/**
 * The bot's role: the system prompt's first sentence, without a leading
 * "You are" / "你是", trimmed to ~60 characters.
 */
export function roleOf(messages: SimulatorMessage[], chinese: boolean): string {
  const system = messages.find((m) => m.role === 'system' || m.role === 'developer')?.content.trim() ?? '';
  const firstSentence = system.split(/[.!?](?=\s|$)|[。！？\n]/u)[0]?.trim() ?? '';
  const role = firstSentence.replace(/^(?:you are|you're|act as|play the role of)\s+/i, '').replace(/^(?:你是|您是|你将扮演|扮演)/u, '');
  if (role) return truncate(role, ROLE_MAX_CHARS);
  return chinese ? '一位乐于助人的助手' : 'a helpful assistant';
}

/** Cuts to `max` characters (code points, never half a surrogate pair), marking the cut with an ellipsis. */
function truncate(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('').trimEnd()}…`;
}
