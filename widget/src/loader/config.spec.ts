import { DEFAULT_Z_INDEX, readConfig, type ScriptLike } from './config';

const script = (src: string, attrs: Record<string, string>, nonce = ''): ScriptLike =>
  ({ src, nonce, getAttribute: (name) => attrs[name] ?? null });

describe('readConfig', () => {
  it('reads the backend origin and defaults', () => {
    expect(readConfig(script('https://chat.example.com/widget.js?v=2', { 'data-bot': 'pk_1' }), 'https://shop.test/')).toEqual({
      backend: 'https://chat.example.com', bot: 'pk_1', locale: undefined, position: undefined,
      open: false, sound: false, zIndex: DEFAULT_Z_INDEX, offset: 0, nonce: undefined,
    });
  });

  it('reads every attribute', () => {
    const attrs = { 'data-bot': 'pk', 'data-locale': 'zh-CN', 'data-position': 'left', 'data-open': 'true', 'data-z-index': '99', 'data-offset': '72', 'data-sound': 'true' };
    expect(readConfig(script('/widget.js', attrs, 'n0nce'), 'http://localhost:3000/demo')).toEqual({
      backend: 'http://localhost:3000', bot: 'pk', locale: 'zh-CN', position: 'left', open: true, sound: true, zIndex: 99, offset: 72, nonce: 'n0nce',
    });
  });

  it('ignores bad values and needs data-bot', () => {
    const attrs = { 'data-bot': 'pk', 'data-position': 'top', 'data-open': 'yes', 'data-z-index': 'high', 'data-offset': '-5' };
    expect(readConfig(script('https://x.test/widget.js', attrs), 'https://x.test/')).toMatchObject({ position: undefined, open: false, zIndex: DEFAULT_Z_INDEX, offset: 0 });
    expect(readConfig(script('https://x.test/widget.js', { 'data-bot': ' ' }), 'https://x.test/')).toBeUndefined();
  });
});
