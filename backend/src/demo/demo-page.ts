const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The demo host page: explains the product, shows the one-line snippet, and uses it. */
export function demoPage(backend: string, publicKey: string | null, demo: boolean): string {
  // The same snippet twice: shown as text for the owner to copy, and used as a tag by the page.
  const snippet = publicKey ? `<script src="${backend}/widget.js" data-bot="${publicKey}" async></script>` : '';
  const tag = publicKey ? `<script src="${escape(backend)}/widget.js" data-bot="${escape(publicKey)}" async></script>` : '';
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Demo Clinic · CustomChat</title>
<style>
  body { font: 16px/1.6 system-ui, sans-serif; max-width: 760px; margin: 40px auto; padding: 0 20px; color: #1f2937; }
  h1 { color: #0f766e; }
  pre { background: #f3f4f6; padding: 12px 16px; border-radius: 8px; overflow-x: auto; white-space: pre-wrap; word-break: break-all; }
  .note { color: #6b7280; font-size: 14px; }
</style>
</head>
<body>
<h1>Demo Clinic 养生诊所</h1>
<p>This page is an ordinary website with the chat widget embedded. Click the bubble in the corner and ask
the health advisor something — for example <em>你好</em> or <em>最近总是失眠，怎么调理？</em></p>
<p>这是一个嵌入了聊天窗口的普通网页。点击右下角的气泡，向养生顾问提问。</p>
${demo ? '<p class="note">Demo mode: replies come from the built-in Azure OpenAI simulator. Set AZURE_OPENAI_ENDPOINT to use your own deployment.</p>' : ''}
<h2>Embed it on your site</h2>
${publicKey ? `<p>Paste this one line into any page:</p><pre id="snippet">${escape(snippet)}</pre>` : '<p>No bot is configured yet.</p>'}
<p class="note">Service health: <a href="/health">/health</a></p>
${tag}
</body>
</html>`;
}
