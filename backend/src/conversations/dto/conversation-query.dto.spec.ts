import { exportQuerySchema } from './conversation-query.dto';

describe('export query', () => {
  it('takes the staff member’s time zone and language, UTC and English when not given', () => {
    expect(exportQuerySchema.parse({})).toMatchObject({ format: 'csv', tz: 'UTC', lang: 'en' });
    expect(exportQuerySchema.parse({ tz: 'Asia/Shanghai', lang: 'zh-CN' })).toMatchObject({ tz: 'Asia/Shanghai', lang: 'zh-CN' });
    expect(exportQuerySchema.parse({ tz: 'america/new_york' }).tz).toBe('America/New_York');
  });

  it('refuses a zone Intl does not know and a language the console does not have, naming the field', () => {
    const issues = (query: Record<string, string>) => exportQuerySchema.safeParse(query).error?.issues.map((i) => i.path.join('.'));
    expect(issues({ tz: 'Mars/Olympus_Mons' })).toEqual(['tz']);
    expect(issues({ tz: '' })).toEqual(['tz']);
    expect(issues({ tz: 'A'.repeat(65) })).toEqual(['tz']);
    expect(issues({ lang: 'fr' })).toEqual(['lang']);
  });
});
