import { demoReply, isChinese, roleOf, splitIntoPieces } from './simulator.reply';
import { countPromptTokens, countTokens, groupIntoChunks, splitIntoChunks, splitIntoTokenPieces, tokensOf } from './simulator.tokens';

const ask = (system: string | undefined, question: string) =>
  demoReply({
    deployment: 'gpt-4o',
    messages: [...(system === undefined ? [] : [{ role: 'system', content: system }]), { role: 'user', content: question }],
  });

describe('demoReply', () => {
  it('answers in English, says it is the simulator, names the role and quotes the question', () => {
    const reply = ask('You are a friendly travel agent for Iceland. Keep answers short.', 'What should I pack for a winter trip?');
    expect(reply).toMatch(/simulator/i);
    expect(reply).toMatch(/not a real AI model/);
    expect(reply).toContain('a friendly travel agent for Iceland');
    expect(reply).toContain('What should I pack for a winter trip?');
    expect(isChinese(reply)).toBe(false);
  });

  it('answers in Simplified Chinese when the question holds CJK characters', () => {
    const reply = ask('你是一位养生顾问！请用温和的语气回答。', '每天应该喝多少水？');
    expect(reply).toContain('模拟器');
    expect(reply).toContain('一位养生顾问');
    expect(reply).toContain('每天应该喝多少水？');
  });

  it('follows the last user message, not the system prompt, for the language', () => {
    expect(isChinese(ask('你是一位养生顾问。', 'How much water should I drink?'))).toBe(true); // quotes the role
    expect(ask('你是一位养生顾问。', 'How much water should I drink?')).toMatch(/^Hello!/);
    expect(ask('You are a chef.', '怎么做红烧肉？')).toMatch(/^您好/);
  });

  it('is deterministic and a few sentences long (~40–80 tokens)', () => {
    for (const [system, q] of [
      ['You are a chef.', 'How do I make a risotto creamy without cream?'],
      ['你是一位养生顾问！', '每天应该喝多少水？'],
    ]) {
      const reply = ask(system, q);
      expect(ask(system, q)).toBe(reply);
      const tokens = splitIntoPieces(reply).length;
      expect(tokens).toBeGreaterThanOrEqual(40);
      expect(tokens).toBeLessThanOrEqual(85);
    }
  });

  it('trims long roles and questions, and falls back without a system prompt', () => {
    const reply = ask(`You are ${'a very '.repeat(30)}patient tutor. Be nice.`, `${'why '.repeat(50)}?`);
    expect(reply).toContain('…');
    expect(reply.length).toBeLessThan(400);
    expect(ask(undefined, 'Hi')).toContain('a helpful assistant');
    expect(ask(undefined, '你好')).toContain('一位乐于助人的助手');
  });
});

describe('roleOf', () => {
  it('takes the first sentence without "You are" / "你是"', () => {
    expect(roleOf([{ role: 'system', content: 'You are Max, the support bot of ACME. Answer briefly.' }], false)).toBe(
      'Max, the support bot of ACME',
    );
    expect(roleOf([{ role: 'system', content: '你是一位养生顾问！…' }], true)).toBe('一位养生顾问');
    expect(roleOf([{ role: 'system', content: 'Support bot for v1.2 of the app' }], false)).toBe('Support bot for v1.2 of the app');
  });
});

describe('splitIntoPieces', () => {
  const samples = [
    'Hello there, I am the simulator. It\'s fine!',
    '您好！这是内置模拟器生成的演示回复，并非真实的 AI 模型。',
    'Rare characters 龘靐齉 and emoji 😀👍🏽 and 𠀀 survive.',
    '  leading and trailing spaces  \n\n and "quotes" — dashes… ',
    '',
  ];

  it.each(samples)('concatenates back to the text exactly: %j', (text) => {
    const pieces = splitIntoPieces(text);
    expect(pieces.join('')).toBe(text);
    for (const piece of pieces) expect(piece).not.toContain('\uFFFD');
  });

  it('gives about one token per piece: words with their leading space, short CJK runs', () => {
    expect(splitIntoPieces('Hello there, world')).toEqual(['Hello', ' there', ',', ' world']);
    for (const piece of splitIntoPieces('这是内置模拟器生成的演示回复')) expect(Array.from(piece).length).toBeLessThanOrEqual(3);
  });
});

describe('countPromptTokens', () => {
  it('counts role and contents plus the chat overhead (3 per message, 3 to prime the reply)', () => {
    // 'Hello there, world' is 4 tokens, 'user' and 'system' 1 each.
    expect(countPromptTokens([{ role: 'user', content: 'Hello there, world' }])).toBe(3 + 1 + 4 + 3);
    expect(
      countPromptTokens([
        { role: 'system', content: 'Hello there, world' },
        { role: 'user', content: 'Hello there, world' },
      ]),
    ).toBe(2 * (3 + 1 + 4) + 3);
  });
});

describe('splitIntoTokenPieces and groupIntoChunks', () => {
  const text = 'Rare characters 龘靐齉 and emoji 😀👍🏽 and plain words after them.';

  it('counts every token of the text exactly once', () => {
    const pieces = splitIntoTokenPieces(text);
    expect(tokensOf(pieces)).toBe(countTokens(text));
    expect(pieces.map((p) => p.text).join('')).toBe(text);
    // Partial-character tokens are merged: such a piece counts more than one token.
    expect(pieces.some((p) => p.tokens > 1)).toBe(true);
  });

  it('groups pieces into chunks of N tokens, the last one shorter, text intact', () => {
    const pieces = splitIntoTokenPieces('one two three four five six seven');
    expect(pieces).toHaveLength(7);
    const chunks = groupIntoChunks(pieces, 3);
    expect(chunks.map((c) => c.text)).toEqual(['one two three', ' four five six', ' seven']);
    expect(chunks.map((c) => c.tokens)).toEqual([3, 3, 1]);
    expect(splitIntoChunks('one two three four five six seven', 1)).toEqual(splitIntoPieces('one two three four five six seven'));
    expect(groupIntoChunks(pieces, 0)).toHaveLength(7);
  });
});

describe('demoReply with passages of the site', () => {
  const withPassages = (passages: string, question: string) =>
    demoReply({
      deployment: 'gpt-4o',
      messages: [
        { role: 'system', content: '你是一位养生顾问。' },
        { role: 'system', content: passages },
        { role: 'user', content: question },
      ],
    });

  it('quotes the first passage it was given and cites it, naming the role', () => {
    const passages = 'Passages from the documents of the site you answer for. Cite them as [n].\n\n[1] 睡眠指南 › 睡多久 (https://clinic.example/sleep)\n成年人每晚需要七到九小时睡眠。\n\n[2] 饮食 › 盐\n每天盐不超过五克。';
    const reply = withPassages(passages, '成年人要睡多久？');
    expect(reply).toContain('「睡眠指南 › 睡多久」');
    expect(reply).toContain('成年人每晚需要七到九小时睡眠。 [1]');
    expect(reply).toContain('养生顾问');
    expect(reply).not.toContain('五克');
  });

  it('says it does not know when the owner asked for answers only from documents and none matched', () => {
    const reply = withPassages("No passage of the site's documents matches this question. Answer only from the site's documents.", 'Who won in 1998?');
    expect(reply).toMatch(/do not answer this/);
    expect(reply).not.toMatch(/\[\d\]/);
  });
});

describe('demoReply when it may hand over', () => {
  const instruction = 'If the visitor asks to talk to a human, or you cannot help them, reply with exactly [[HANDOFF]] and nothing else: a person of the site will take over.';
  const reply = (question: string, system = instruction) =>
    demoReply({ deployment: 'gpt-4o', messages: [{ role: 'system', content: 'You are a shop assistant.' }, { role: 'system', content: system }, { role: 'user', content: question }] });

  it('answers with the marker when the visitor asks for a person', () => {
    expect(reply('Can I talk to a human please?')).toBe('[[HANDOFF]]');
    expect(reply('我要转人工')).toBe('[[HANDOFF]]');
  });

  it('answers as usual otherwise, or when it was not told how to hand over', () => {
    expect(reply('What are your opening hours?')).not.toContain('[[HANDOFF]]');
    expect(reply('Can I talk to a human please?', 'Be brief.')).not.toContain('[[HANDOFF]]');
  });
});
