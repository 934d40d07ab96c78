import { html, renderSafely } from './spec-helpers';

/** The rendered HTML without the `<div class="cc-md">` around it. */
const md = (text: string) => html(text).replace(/^<div class="cc-md">|<\/div>$/g, '');
const a = (href: string, text = href) => `<a href="${href}" target="_blank" rel="noopener noreferrer">${text}</a>`;

/**
 * Replies as models write them (original text, Chinese and English), each with fragments its
 * rendering must hold. Every reply is also checked for Markdown left showing outside code: no
 * `**`, `](`, `<br>` or `\|` text.
 */
const REPLIES: [string, string, string[]][] = [
  ['health advice with bold before Chinese punctuation', [
    '关于窦性心律不齐，**注意：**后面几点很重要：',
    '',
    '1. **保持规律作息**：每天睡够 7 小时。',
    '2. **避免刺激**（咖啡、浓茶）。',
    '3. 详见 https://baike.baidu.com/item/窦性心律不齐 。',
  ].join('\n'), [
    '<strong>注意：</strong>后面几点很重要：',
    '<li><p><strong>保持规律作息</strong>：每天睡够 7 小时。</p></li>',
    '<li><p><strong>避免刺激</strong>（咖啡、浓茶）。</p></li>',
    a('https://baike.baidu.com/item/%E7%AA%A6%E6%80%A7%E5%BF%83%E5%BE%8B%E4%B8%8D%E9%BD%90', 'https://baike.baidu.com/item/窦性心律不齐'),
  ]],
  ['a bare Chinese-path URL ending at full-width punctuation', '百科：https://zh.wikipedia.org/wiki/高血压，供参考。', [
    `百科：${a('https://zh.wikipedia.org/wiki/%E9%AB%98%E8%A1%80%E5%8E%8B', 'https://zh.wikipedia.org/wiki/高血压')}，供参考。`,
  ]],
  ['a link with a title', 'See the [return policy](https://shop.example/returns "Returns and refunds") for details.', [
    `See the ${a('https://shop.example/returns', 'return policy')} for details.`,
  ]],
  ['a Chinese link with a single-quoted title', '请查看[退货政策](https://shop.example/zh/returns \'退换货说明\')。', [
    `请查看${a('https://shop.example/zh/returns', '退货政策')}。`,
  ]],
  ['an autolink in angle brackets', 'Track your parcel at <https://track.example/parcel?id=42>.', [
    `Track your parcel at ${a('https://track.example/parcel?id=42')}.`,
  ]],
  ['an email autolink', '如有问题请发邮件至 <support@shop.example>，我们会在 24 小时内回复。', [
    `请发邮件至 ${a('mailto:support@shop.example', 'support@shop.example')}，我们`,
  ]],
  ['a shop-returns table with an escaped pipe and line breaks', [
    '| 情况 | 处理方式 |',
    '| --- | --- |',
    '| 未拆封 \\| 7 天内 | 全额退款<br>运费由我们承担 |',
    '| 已拆封 | 换货<br/>或部分退款 |',
  ].join('\n'), [
    '<tr><td>未拆封 | 7 天内</td><td>全额退款<br>运费由我们承担</td></tr>',
    '<tr><td>已拆封</td><td>换货<br>或部分退款</td></tr>',
  ]],
  ['an English table with alignment, code and a pipe in code', [
    'Here are the plans:',
    '',
    '| Plan | Price | Command |',
    '|:-----|------:|:-------:|',
    '| Basic | $5 | `a \\| b` |',
    '| **Pro** | $20 | `sort <BR> uniq` |',
  ].join('\n'), [
    '<th align="left">Plan</th><th align="right">Price</th><th align="center">Command</th>',
    '<td align="center"><code>a | b</code></td>',
    '<td align="left"><strong>Pro</strong></td>',
    '<code>sort &lt;BR&gt; uniq</code>',
  ]],
  ['a table cell with several <br> forms', '| Steps |\n|---|\n| 1. Open<br>2. Pay<BR />3. Done |', [
    '<td>1. Open<br>2. Pay<br>3. Done</td>',
  ]],
  ['nested lists under numbered steps', [
    '退货步骤：',
    '',
    '1. 登录账户',
    '   - 进入「我的订单」',
    '   - 找到要退的商品',
    '2. 提交申请',
    '   1. 选择原因',
    '   2. 上传照片',
    '3. 等待审核',
  ].join('\n'), [
    '<ol start="1"><li><p>登录账户</p><ul><li><p>进入「我的订单」</p></li><li><p>找到要退的商品</p></li></ul></li>',
    '<li><p>提交申请</p><ol start="1"><li><p>选择原因</p></li><li><p>上传照片</p></li></ol></li><li><p>等待审核</p></li></ol>',
  ]],
  ['nested bullets indented four spaces', '- Fruit\n    - Apple\n    - Pear\n- Vegetables', [
    '<ul><li><p>Fruit</p><ul><li><p>Apple</p></li><li><p>Pear</p></li></ul></li><li><p>Vegetables</p></li></ul>',
  ]],
  ['a bullet under a number indented two spaces', '1. Pack the item\n  - keep the tags on\n2. Print the label', [
    '<ol start="1"><li><p>Pack the item</p><ul><li><p>keep the tags on</p></li></ul></li><li><p>Print the label</p></li></ol>',
  ]],
  ['a code block with a language', 'Use this:\n\n```python\nprint("**not bold**")\nif a < b:\n    pass\n```', [
    '<pre><code>print("**not bold**")\nif a &lt; b:\n    pass</code></pre>',
  ]],
  ['code spans with backticks and spaces', 'Run `` `npm test` `` or ` npm run build `.', [
    '<code>`npm test`</code> or <code>npm run build</code>.',
  ]],
  ['setext headings', 'Summary\n=======\n\nDetails\n-------\nText.', [
    '<p><strong>Summary</strong></p><p><strong>Details</strong></p><p>Text.</p>',
  ]],
  ['ATX headings with closing hashes', '## 退货须知 ##\n### Shipping ###', [
    '<p><strong>退货须知</strong></p><p><strong>Shipping</strong></p>',
  ]],
  ['reference links', 'Read the [guide][1] and the [FAQ].\n\n[1]: https://help.example/guide "Guide"\n[faq]: https://help.example/faq', [
    `Read the ${a('https://help.example/guide', 'guide')} and the ${a('https://help.example/faq', 'FAQ')}.`,
  ]],
  ['a quote with a lazy line', '> 医生提醒：如有胸痛、\n晕厥，请立即就医。', [
    '<blockquote><p>医生提醒：如有胸痛、<br>晕厥，请立即就医。</p></blockquote>',
  ]],
  ['bold around Chinese quotes and brackets', '请点击**“申请退款”**按钮，再选择**【仅退款】**即可。', [
    '请点击<strong>“申请退款”</strong>按钮，再选择<strong>【仅退款】</strong>即可。',
  ]],
  ['bold ending in a full-width question mark', '**为什么会心悸？**可能原因包括：焦虑、*咖啡因*等。', [
    '<strong>为什么会心悸？</strong>可能原因包括：焦虑、<em>咖啡因</em>等。',
  ]],
  ['bold right after Chinese text and before a number', '建议每天饮水**1500–2000 毫升**，运动**30分钟**。', [
    '饮水<strong>1500–2000 毫升</strong>，运动<strong>30分钟</strong>。',
  ]],
  ['English emphasis with underscores and snake_case', 'Set _retry_count_ to 3 in `config.yaml`; keep __max_wait__ at 10 and file_name_here as is.', [
    'Set <em>retry_count</em> to 3 in <code>config.yaml</code>; keep <strong>max_wait</strong> at 10 and file_name_here as is.',
  ]],
  ['strikethrough for a changed price', 'Price: ~~$49~~ **$39** this week.', [
    'Price: <del>$49</del> <strong>$39</strong> this week.',
  ]],
  ['a bare URL in parentheses and one before a full stop', 'Details (https://shop.example/help/returns) or https://shop.example/faq.', [
    `Details (${a('https://shop.example/help/returns')}) or ${a('https://shop.example/faq')}.`,
  ]],
  ['a Wikipedia URL with parentheses', 'See https://en.wikipedia.org/wiki/Arrhythmia_(medicine), section 2.', [
    a('https://en.wikipedia.org/wiki/Arrhythmia_(medicine)'),
  ]],
  ['an image becomes a link to it', '![尺码表](https://shop.example/size-chart.png "尺码")', [
    a('https://shop.example/size-chart.png', '尺码表'),
  ]],
  ['a loose list with paragraphs', '- **Refund**\n\n  Money back within 5 days.\n\n- **Exchange**\n\n  A new size, free.', [
    '<li><p><strong>Refund</strong></p><p>Money back within 5 days.</p></li>',
  ]],
  ['a quote holding a list and a link', '> 温馨提示：\n> - 保留发票\n> - 联系[客服](https://shop.example/kefu "在线客服")', [
    `<blockquote><p>温馨提示：</p><ul><li><p>保留发票</p></li><li><p>联系${a('https://shop.example/kefu', '客服')}</p></li></ul></blockquote>`,
  ]],
  ['escaped Markdown characters', 'Use \\*literal asterisks\\* and a price of 5\\*2, \\_id\\_ and \\[1\\].', [
    'Use *literal asterisks* and a price of 5*2, _id_ and [1].',
  ]],
  ['a horizontal rule between sections', '第一部分\n\n---\n\n第二部分\n***', [
    '<p>第一部分</p><hr><p>第二部分</p><hr>',
  ]],
  ['bold link text and a link in bold', '**[立即购买](https://shop.example/buy)** 或 [**加入购物车**](https://shop.example/cart)', [
    `<strong>${a('https://shop.example/buy', '立即购买')}</strong> 或 ${a('https://shop.example/cart', '<strong>加入购物车</strong>')}`,
  ]],
  ['a mailto link and a phone link', 'Email [us](mailto:help@shop.example) or call [400-800-1234](tel:4008001234).', [
    `Email ${a('mailto:help@shop.example', 'us')} or call ${a('tel:4008001234', '400-800-1234')}.`,
  ]],
];

describe('Markdown of realistic replies', () => {
  it('has about 30 replies', () => {
    expect(REPLIES.length).toBeGreaterThanOrEqual(30);
  });

  it.each(REPLIES)('renders %s', (_name, text, fragments) => {
    const out = md(text);
    for (const fragment of fragments) expect(out).toContain(fragment);
    renderSafely(text);
    expect(out.replace(/<code>.*?<\/code>/gs, '')).not.toMatch(/\*\*|\]\(|&lt;br|\\\|/i);
  });
});
