import { describeWithChromium } from './support';
import { FAST, inShadow, openChat, sendMessage, waitForLastReply, withWidgetWorld, type WidgetWorld } from './widget-world';

/**
 * Issue 16 item 8: the Markdown models write renders right in the widget — a link with a title,
 * `<https://…>` and `<a@b.c>` autolinks, a bare URL with a Chinese path, a table cell holding
 * `\|` and `<br>`, and bold closing on Chinese punctuation.
 */
const REPLY = [
  '**注意：**后面的几点请记住。',
  '',
  '详见[退货政策](https://shop.example/returns "退换货说明")，或访问 <https://help.example/faq>，邮件 <support@shop.example>。',
  '',
  '百科：https://baike.baidu.com/item/窦性心律不齐，仅供参考。',
  '',
  '| 情况 | 处理 |',
  '| --- | --- |',
  '| 未拆封 \\| 7 天内 | 全额退款<br>运费我们承担 |',
].join('\n');

describeWithChromium('the widget renders the Markdown models write (issue 16 item 8)', () => {
  let world: WidgetWorld;
  withWidgetWorld((w) => (world = w));

  it('shows titled links, autolinks, a Chinese-path URL, a table with \\| and <br>, and bold before Chinese text', async () => {
    world.simulator.configure({ ...FAST, reply: () => REPLY });
    const { page, context } = await world.openHostPage('plain');
    await openChat(page);
    await sendMessage(page, '退货和心律的问题');
    await waitForLastReply(page);

    const seen = await inShadow(page, (root) => {
      const all = root.querySelectorAll('[data-testid="cc-message"][data-role="assistant"]');
      const body = all[all.length - 1]!.querySelector('.cc-body')!;
      const cells = Array.from(body.querySelectorAll('td'));
      return {
        strong: Array.from(body.querySelectorAll('strong')).map((e) => e.textContent),
        firstParagraph: body.querySelector('p')?.innerHTML,
        links: Array.from(body.querySelectorAll('a')).map((a) => ({ href: a.getAttribute('href'), text: a.textContent, rel: a.getAttribute('rel') })),
        cells: cells.map((td) => td.textContent),
        breaks: cells.map((td) => td.querySelectorAll('br').length),
        text: body.textContent ?? '',
      };
    });

    expect(seen.strong).toEqual(['注意：']);
    expect(seen.firstParagraph).toBe('<strong>注意：</strong>后面的几点请记住。');
    expect(seen.links).toEqual([
      { href: 'https://shop.example/returns', text: '退货政策', rel: 'noopener noreferrer' },
      { href: 'https://help.example/faq', text: 'https://help.example/faq', rel: 'noopener noreferrer' },
      { href: 'mailto:support@shop.example', text: 'support@shop.example', rel: 'noopener noreferrer' },
      {
        href: 'https://baike.baidu.com/item/%E7%AA%A6%E6%80%A7%E5%BF%83%E5%BE%8B%E4%B8%8D%E9%BD%90',
        text: 'https://baike.baidu.com/item/窦性心律不齐',
        rel: 'noopener noreferrer',
      },
    ]);
    expect(seen.cells).toEqual(['未拆封 | 7 天内', '全额退款运费我们承担']);
    expect(seen.breaks).toEqual([0, 1]);
    // No syntax left showing: asterisks, link brackets, angle brackets, a title, a raw <br>.
    expect(seen.text).not.toMatch(/\*\*|\]\(|[<>]|退换货说明|\\\|/);
    await context.close();
  });
});
