import { activeFilters, browserTimeZone, EMPTY_FILTERS, exportHref, filtersFromSearch, filtersToSearch, listQuery, rangeInverted } from './filters';

describe('conversation filters', () => {
  it('round-trips through the URL, Chinese search included', () => {
    const filters = { ...EMPTY_FILTERS, bot: 'b1', q: '失眠 怎么办', from: '2024-05-01', status: 'filtered' as const, reviewed: 'false' as const };
    const search = filtersToSearch(filters);
    expect(search).toBe('?bot=b1&q=%E5%A4%B1%E7%9C%A0+%E6%80%8E%E4%B9%88%E5%8A%9E&from=2024-05-01&status=filtered&reviewed=false');
    expect(filtersFromSearch(search)).toEqual(filters);
    expect(filtersToSearch(EMPTY_FILTERS)).toBe('');
  });

  it('drops values it does not know', () => {
    expect(filtersFromSearch('?status=bogus&rating=meh&reviewed=maybe&from=yesterday&to=2024-13-01x&other=1')).toEqual(EMPTY_FILTERS);
    expect(filtersFromSearch('?rating=down&to=2024-06-30').rating).toBe('down');
  });

  it('builds the list query and the export link', () => {
    const filters = { ...EMPTY_FILTERS, tag: 'vip', rating: 'up' as const };
    expect(listQuery(filters, null)).toBe('?rating=up&tag=vip&limit=30');
    expect(listQuery(filters, 'abc', 10)).toBe('?rating=up&tag=vip&cursor=abc&limit=10');
    expect(exportHref(filters, 'csv')).toBe('/api/conversations/export?format=csv&rating=up&tag=vip');
    expect(exportHref(EMPTY_FILTERS, 'jsonl')).toBe('/api/conversations/export?format=jsonl');
  });

  it("asks for a CSV in the reader's time zone and language; JSON Lines stays UTC", () => {
    const reader = { tz: 'Asia/Shanghai', lang: 'zh-CN' };
    expect(exportHref({ ...EMPTY_FILTERS, tag: 'vip' }, 'csv', reader)).toBe('/api/conversations/export?format=csv&tag=vip&tz=Asia%2FShanghai&lang=zh-CN');
    expect(exportHref(EMPTY_FILTERS, 'jsonl', reader)).toBe('/api/conversations/export?format=jsonl');
    expect(exportHref(EMPTY_FILTERS, 'csv', { tz: undefined, lang: 'en' })).toBe('/api/conversations/export?format=csv&lang=en');
    expect(browserTimeZone()).toBe(Intl.DateTimeFormat().resolvedOptions().timeZone);
  });

  it('counts active filters and spots a backwards range', () => {
    expect(activeFilters(EMPTY_FILTERS)).toBe(0);
    expect(activeFilters({ ...EMPTY_FILTERS, q: 'x', bot: 'b' })).toBe(2);
    expect(rangeInverted({ from: '2024-05-02', to: '2024-05-01' })).toBe(true);
    expect(rangeInverted({ from: '2024-05-01', to: '' })).toBe(false);
  });
});
