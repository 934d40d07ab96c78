import { useI18n } from '../i18n';
import { Field, Toggle } from '../ui/Field';
import { browserZone, type HoursForm, type HoursProblems, zoneOptions } from './office-hours';

interface Props {
  enabled: boolean;
  hours: HoursForm;
  onEnabled(on: boolean): void;
  onHours(hours: HoursForm): void;
  /** Shown once the owner tried to save. */
  problems: HoursProblems;
  /** The server's 400 about these settings. */
  serverError?: string;
}

/** Monday first, as the week is read in both languages; the value stays 0 = Sunday. */
const WEEK = [1, 2, 3, 4, 5, 6, 0];

/** The bot settings' "Human handoff" section: whether visitors may ask for a person, and when people answer. */
export function HandoffSettings({ enabled, hours, onEnabled, onHours, problems, serverError }: Props) {
  const { t, locale } = useI18n();
  const own = browserZone();
  const dayName = (day: number) => new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' }).format(Date.UTC(2024, 0, 7 + day));
  const setDay = (day: number, ranges: HoursForm['days'][number]) => onHours({ ...hours, days: hours.days.map((r, d) => (d === day ? ranges : r)) });
  const problemText = { time: t.handoff.badTime, order: t.handoff.badOrder, timezone: '', none: '' };

  return (
    <section class="card">
      <h2>{t.handoff.title}</h2>
      <div class="field">
        <Toggle label={t.handoff.allow} checked={enabled} onChange={onEnabled} />
        <span class="field-hint">{t.handoff.allowHint}</span>
      </div>
      <Field label={t.handoff.when} hint={t.handoff.hoursHint}>
        <select value={hours.mode} onChange={(e) => onHours({ ...hours, mode: e.currentTarget.value as HoursForm['mode'] })}>
          <option value="online">{t.handoff.anyTime}</option>
          <option value="hours">{t.handoff.scheduled}</option>
        </select>
      </Field>
      {hours.mode === 'hours' && (
        <>
          <Field label={t.handoff.timezone} error={problems.timezone && t.handoff.badZone}>
            <select value={hours.timezone} onChange={(e) => onHours({ ...hours, timezone: e.currentTarget.value })}>
              {zoneOptions(hours.timezone, own).map((z) => <option key={z} value={z}>{z === own ? t.handoff.browserZone(z) : z}</option>)}
            </select>
          </Field>
          <div class="hours-week">
            {WEEK.map((day) => {
              const name = dayName(day);
              const ranges = hours.days[day];
              const problem = problems.days?.[day];
              return (
                <div key={day} class="hours-day" role="group" aria-label={name}>
                  <span class="hours-name">{name}</span>
                  <span class="hours-ranges">
                    {ranges.length === 0 && <span class="muted">{t.handoff.closed}</span>}
                    {ranges.map((r, k) => (
                      <span key={k} class="hours-range">
                        <input type="time" aria-label={`${name} ${t.handoff.from}`} value={r.from} aria-invalid={problem ? true : undefined}
                          onInput={(e) => setDay(day, ranges.map((x, j) => (j === k ? { ...x, from: e.currentTarget.value } : x)))} />
                        –
                        <input type="time" aria-label={`${name} ${t.handoff.to}`} value={r.to} aria-invalid={problem ? true : undefined}
                          onInput={(e) => setDay(day, ranges.map((x, j) => (j === k ? { ...x, to: e.currentTarget.value } : x)))} />
                        <button type="button" class="button small ghost" aria-label={t.handoff.removeHours(name)}
                          onClick={() => setDay(day, ranges.filter((_, j) => j !== k))}>×</button>
                      </span>
                    ))}
                  </span>
                  <button type="button" class="button small ghost" onClick={() => setDay(day, [...ranges, { from: '09:00', to: '18:00' }])}>
                    {t.handoff.addHours}
                  </button>
                  {problem && <span class="field-error" role="alert">{problemText[problem]}</span>}
                </div>
              );
            })}
          </div>
          {problems.none && <p class="field-error" role="alert">{t.handoff.noHours}</p>}
        </>
      )}
      {serverError && <p class="field-error" role="alert">{serverError}</p>}
    </section>
  );
}
