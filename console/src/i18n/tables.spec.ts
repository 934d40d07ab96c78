import { strings } from './tables';

/** Every key of a table, functions included, as dotted paths. */
function keys(value: object): string[] {
  return Object.entries(value).flatMap(([k, v]) => (v && typeof v === 'object' ? keys(v).map((sub) => `${k}.${sub}`) : [k])).sort();
}

/** Every leaf string, and every function called with sample arguments. */
function leaves(value: object): string[] {
  return Object.values(value).flatMap((v): string[] => {
    if (typeof v === 'function') return [String(v(1, 2, 3))];
    if (v && typeof v === 'object') return leaves(v);
    return [String(v)];
  });
}

describe('string tables', () => {
  it('has every string in both languages', () => {
    expect(keys(strings('zh-CN'))).toEqual(keys(strings('en')));
  });

  it('leaves no string empty, and the Chinese table is Chinese', () => {
    for (const text of [...leaves(strings('en')), ...leaves(strings('zh-CN'))]) expect(text.trim()).not.toBe('');
    const zh = leaves(strings('zh-CN'));
    const chinese = zh.filter((text) => /[\u4e00-\u9fff]/.test(text));
    expect(chinese.length / zh.length).toBeGreaterThan(0.9);
  });

  it('interpolates', () => {
    expect(strings('en').transcript.roleVersion(3)).toBe('role v3');
    expect(strings('zh-CN').transcript.roleVersion(3)).toBe('角色 v3');
    expect(strings('en').conversations.messageCount(1)).toBe('1 message');
    expect(strings('en').conversations.messageCount(2)).toBe('2 messages');
  });
});
