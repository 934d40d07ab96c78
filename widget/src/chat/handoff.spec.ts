import { formatHours, leaveProblem, MAX_OFFLINE_TEXT, validEmail } from './handoff';

const slot = (day: number, from = '09:00', to = '18:00') => ({ day, from, to });

describe('office hours', () => {
  it('groups consecutive days with the same hours, Monday first', () => {
    const weekly = [slot(6, '09:00', '12:00'), ...[1, 2, 3, 4, 5].map((d) => slot(d))];
    expect(formatHours({ timezone: 'Asia/Shanghai', weekly }, 'en')).toBe('Mon–Fri 09:00–18:00, Sat 09:00–12:00 (Asia/Shanghai)');
  });

  it('names days in the locale', () => {
    const weekly = [1, 2, 3, 4, 5].map((d) => slot(d));
    expect(formatHours({ timezone: 'Asia/Shanghai', weekly }, 'zh-CN')).toBe('周一–周五 09:00–18:00 (Asia/Shanghai)');
  });

  it('keeps a single day alone, breaks a run at a gap or a change, and joins a weekend across Sunday', () => {
    const weekly = [slot(1), slot(3), slot(4), slot(5, '10:00', '18:00'), slot(6, '10:00', '16:00'), slot(0, '10:00', '16:00')];
    expect(formatHours({ timezone: 'UTC', weekly }, 'en'))
      .toBe('Mon 09:00–18:00, Wed–Thu 09:00–18:00, Fri 10:00–18:00, Sat–Sun 10:00–16:00 (UTC)');
  });

  it('lists several slots of a day in order and groups days by all their slots', () => {
    const weekly = [slot(1, '14:00', '18:00'), slot(1, '09:00', '12:00'), slot(2, '09:00', '12:00'), slot(2, '14:00', '18:00'), slot(3, '09:00', '12:00')];
    expect(formatHours({ timezone: 'Europe/Paris', weekly }, 'en'))
      .toBe('Mon–Tue 09:00–12:00/14:00–18:00, Wed 09:00–12:00 (Europe/Paris)');
  });

  it('is empty without slots, and ignores days out of range', () => {
    expect(formatHours({ timezone: 'UTC', weekly: [] }, 'en')).toBe('');
    expect(formatHours({ timezone: 'UTC', weekly: [slot(7), slot(-1)] }, 'en')).toBe('');
  });

  it('shows every day of the week as one run', () => {
    const weekly = [0, 1, 2, 3, 4, 5, 6].map((d) => slot(d, '00:00', '24:00'));
    expect(formatHours({ timezone: 'UTC', weekly }, 'en')).toBe('Mon–Sun 00:00–24:00 (UTC)');
  });
});

describe('leaving a message', () => {
  it('accepts ordinary addresses', () => {
    for (const email of ['a@b.co', 'first.last+tag@mail.example.com', '李@例子.中国']) expect(validEmail(email)).toBe(true);
  });

  it('refuses what is not an address', () => {
    for (const email of ['', 'a', 'a@b', '@b.co', 'a@.co', 'a@b.', 'a b@c.de', 'a@b@c.de', 'a@b..co', `${'x'.repeat(250)}@b.co`]) {
      expect(validEmail(email)).toBe(false);
    }
  });

  it('needs a valid email and a message of at most 2000 characters', () => {
    expect(leaveProblem('nope', 'hi')).toBe('badEmail');
    expect(leaveProblem('a@b.co', '')).toBe('noText');
    // The textarea's maxLength keeps the text within MAX_OFFLINE_TEXT; the server checks again.
    expect(leaveProblem('a@b.co', 'x'.repeat(MAX_OFFLINE_TEXT))).toBeUndefined();
    expect(leaveProblem('a@b.co', 'x'.repeat(MAX_OFFLINE_TEXT))).toBeUndefined();
  });
});
