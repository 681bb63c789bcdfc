/**
 * Business hours: on/off, the time zone (with common zones to pick from), one or more from–to intervals
 * per weekday (an interval ending before it starts runs past midnight), and holidays.
 */
import type { FallbackSettings } from '@parley/protocol';
import { useState } from 'preact/hooks';
import { STRINGS, t, type StringKey } from '../../../strings';
import { COMMON_TIME_ZONES, isKnownTimeZone } from './timezones';

type Hours = FallbackSettings['businessHours'];
type Day = keyof Hours['weekly'];

const DAYS: Array<{ day: Day; label: StringKey }> = [
  { day: 'mon', label: 'dayMon' },
  { day: 'tue', label: 'dayTue' },
  { day: 'wed', label: 'dayWed' },
  { day: 'thu', label: 'dayThu' },
  { day: 'fri', label: 'dayFri' },
  { day: 'sat', label: 'daySat' },
  { day: 'sun', label: 'daySun' },
];
const NEW_INTERVAL = { from: '09:00', to: '17:00' };
const MAX_INTERVALS = 6;

export function BusinessHoursEditor(props: { hours: Hours; onChange: (hours: Hours) => void }) {
  const { hours } = props;
  const [holiday, setHoliday] = useState('');
  const setDay = (day: Day, intervals: Hours['weekly'][Day]) => props.onChange({ ...hours, weekly: { ...hours.weekly, [day]: intervals } });
  const value = (event: Event) => (event.currentTarget as HTMLInputElement).value;
  const zoneKnown = isKnownTimeZone(hours.timezone);

  return (
    <fieldset class="business-hours">
      <legend>{STRINGS.businessHours}</legend>
      <label class="check">
        <input type="checkbox" checked={hours.enabled} onChange={(e) => props.onChange({ ...hours, enabled: (e.currentTarget as HTMLInputElement).checked })} />{' '}
        {STRINGS.businessHoursEnabled}
      </label>
      <label>
        {STRINGS.timezone}
        <input list="parley-time-zones" value={hours.timezone} required maxLength={64} onInput={(e) => props.onChange({ ...hours, timezone: value(e) })} />
      </label>
      <datalist id="parley-time-zones">
        {COMMON_TIME_ZONES.map((zone) => (
          <option key={zone} value={zone} />
        ))}
      </datalist>
      {!zoneKnown && (
        <p class="error field-error" data-testid="zone-warning">
          {t('timezoneInvalid', { zone: hours.timezone })}
        </p>
      )}
      <table class="weekly">
        <tbody>
          {DAYS.map(({ day, label }) => (
            <tr key={day}>
              <th scope="row">{STRINGS[label]}</th>
              <td>
                {hours.weekly[day].length === 0 && <span class="muted">{STRINGS.closedAllDay}</span>}
                {hours.weekly[day].map((interval, index) => {
                  const change = (patch: Partial<typeof interval>) =>
                    setDay(day, hours.weekly[day].map((item, at) => (at === index ? { ...item, ...patch } : item)));
                  return (
                    <span key={index} class="interval">
                      <input type="time" aria-label={t('intervalFrom', { day: STRINGS[label] })} value={interval.from} onInput={(e) => change({ from: value(e) })} />
                      {'–'}
                      <input type="time" aria-label={t('intervalTo', { day: STRINGS[label] })} value={interval.to} onInput={(e) => change({ to: value(e) })} />
                      <button
                        type="button"
                        class="link"
                        aria-label={t('removeInterval', { day: STRINGS[label], from: interval.from, to: interval.to })}
                        onClick={() => setDay(day, hours.weekly[day].filter((_, at) => at !== index))}
                      >
                        ×
                      </button>
                    </span>
                  );
                })}
                {hours.weekly[day].length < MAX_INTERVALS && (
                  <button type="button" class="link" aria-label={`${STRINGS.addInterval}: ${STRINGS[label]}`} onClick={() => setDay(day, [...hours.weekly[day], NEW_INTERVAL])}>
                    {STRINGS.addInterval}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>{STRINGS.holidays}</h3>
      {hours.holidays.length === 0 ? (
        <p class="muted">{STRINGS.noHolidays}</p>
      ) : (
        <ul class="holidays">
          {hours.holidays.map((date) => (
            <li key={date}>
              {date}{' '}
              <button type="button" class="link" aria-label={t('removeHoliday', { date })} onClick={() => props.onChange({ ...hours, holidays: hours.holidays.filter((d) => d !== date) })}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <span class="holiday-add">
        <input type="date" aria-label={STRINGS.addHoliday} value={holiday} onInput={(e) => setHoliday(value(e))} />{' '}
        <button
          type="button"
          disabled={!holiday}
          onClick={() => {
            if (holiday && !hours.holidays.includes(holiday)) props.onChange({ ...hours, holidays: [...hours.holidays, holiday].sort() });
            setHoliday('');
          }}
        >
          {STRINGS.addHoliday}
        </button>
      </span>
    </fieldset>
  );
}
