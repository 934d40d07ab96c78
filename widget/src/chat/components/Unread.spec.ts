import { previewOf } from './Unread';

describe('the unread preview', () => {
  it('reads the reply without Markdown marks, on one line', () => {
    expect(previewOf('Your order ships **tomorrow**.\n\n- see [the page](https://x.test) [1]\n> `code`')).toBe('Your order ships tomorrow. - see the page code');
    expect(previewOf('# 注意：\n**明天**发货')).toBe('注意： 明天发货');
  });

  it('cuts a long reply to a glance', () => {
    const text = previewOf('word '.repeat(100));
    expect(text.length).toBeLessThanOrEqual(90);
    expect(text.endsWith('word…')).toBe(true);
  });
});
