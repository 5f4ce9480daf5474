/** Unit tests of the planner's date phrases: each phrase, Spanish and English, against a frozen today. */
import { describe, expect, it } from 'vitest';
import { addMonths, mondayOf, previousOf, previousYearOf, scanDates } from './dates.js';
import { fold } from './text.js';

const TODAY = '2026-11-21'; // a Saturday

function one(phrase: string, today = TODAY) {
  const { periods } = scanDates(fold(phrase), today);
  expect(periods, phrase).toHaveLength(1);
  return { from: periods[0]!.from, to: periods[0]!.to };
}

const P = (from: string, to = from) => ({ from, to });

describe('scanDates: each phrase', () => {
  const cases: [string[], { from: string; to: string }][] = [
    [['hoy', 'HOY', 'today'], P('2026-11-21')],
    [['ayer', 'Yesterday'], P('2026-11-20')],
    [['anteayer', 'the day before yesterday'], P('2026-11-19')],
    [['últimos 7 días', 'ultimos 7 dias', 'los últimos siete días', 'last 7 days', 'the past seven days', '7 días pasados'], P('2026-11-15', '2026-11-21')],
    [['últimos 30 días', 'last 30 days'], P('2026-10-23', '2026-11-21')],
    [['la última semana', 'la ultima semana', 'the past week'], P('2026-11-15', '2026-11-21')],
    [['la semana pasada', 'LA SEMANA PASADA', 'la semana anterior', 'last week', 'previous week'], P('2026-11-09', '2026-11-15')],
    [['esta semana', 'this week', 'en lo que va de semana'], P('2026-11-16', '2026-11-21')],
    [['últimas 2 semanas', 'last two weeks'], P('2026-11-08', '2026-11-21')],
    [['este mes', 'this month', 'en lo que va de mes', 'month to date'], P('2026-11-01', '2026-11-21')],
    [['el mes pasado', 'el mes anterior', 'last month', 'previous month'], P('2026-10-01', '2026-10-31')],
    [['el último mes', 'the past month'], P('2026-10-22', '2026-11-21')],
    [['los últimos 3 meses', 'last 3 months', 'los ultimos tres meses'], P('2026-08-22', '2026-11-21')],
    [['en marzo', 'in March', 'marzo', 'durante marzo'], P('2026-03-01', '2026-03-31')],
    [['en diciembre', 'in December'], P('2025-12-01', '2025-12-31')],
    [['en noviembre', 'in November'], P('2026-11-01', '2026-11-21')],
    [['in may'], P('2026-05-01', '2026-05-31')],
    [['marzo de 2025', 'March 2025', 'marzo 2025', 'en marzo del 2025'], P('2025-03-01', '2025-03-31')],
    [['marzo del año pasado', 'March of last year'], P('2025-03-01', '2025-03-31')],
    [['este año', 'this year', 'en lo que va de año', 'year to date'], P('2026-01-01', '2026-11-21')],
    [['el año pasado', 'el año anterior', 'last year'], P('2025-01-01', '2025-12-31')],
    [['en 2025', 'in 2025', 'durante 2025'], P('2025-01-01', '2025-12-31')],
    [['desde el 1 de octubre', 'desde el 1 de Octubre', 'since October 1st', 'since 1 October', 'desde octubre'], P('2026-10-01', '2026-11-21')],
    [['desde el 2026-10-01', 'since 2026-10-01'], P('2026-10-01', '2026-11-21')],
    [['entre el 3 y el 10 de noviembre', 'del 3 al 10 de noviembre', 'between November 3 and 10', 'from 3 to 10 November', 'November 3-10'], P('2026-11-03', '2026-11-10')],
    [['del 28 de octubre al 3 de noviembre', 'from October 28 to November 3'], P('2026-10-28', '2026-11-03')],
    [['del 2026-10-01 al 2026-10-15', 'from 2026-10-01 to 2026-10-15', '2026-10-01 - 2026-10-15', 'del 01/10/2026 al 15/10/2026'], P('2026-10-01', '2026-10-15')],
    [['el 5 de noviembre', 'on November 5th', '2026-11-05', '05/11/2026'], P('2026-11-05')],
    [['el 25 de diciembre'], P('2025-12-25')],
    [['Q3', 'el tercer trimestre', 'the third quarter', '3er trimestre'], P('2026-07-01', '2026-09-30')],
    [['Q4', 'este trimestre', 'this quarter'], P('2026-10-01', '2026-11-21')],
    [['Q1 2025', 'el primer trimestre de 2025', 'first quarter of 2025'], P('2025-01-01', '2025-03-31')],
    [['el trimestre pasado', 'el último trimestre', 'last quarter'], P('2026-07-01', '2026-09-30')],
  ];
  for (const [phrases, want] of cases) {
    it(`${phrases[0]} → ${want.from}…${want.to}`, () => {
      for (const p of phrases) expect(one(p), p).toEqual(want);
    });
  }

  it('finds the phrase inside a question and blanks it for the rest of the planner', () => {
    const s = scanDates(fold('¿Cuántos envíos de push hubo la semana pasada?'), TODAY);
    expect(s.periods.map((p) => [p.from, p.to])).toEqual([['2026-11-09', '2026-11-15']]);
    expect(s.rest).not.toMatch(/semana/);
    expect(s.rest).toMatch(/envios de push/);
  });

  it('keeps the order of two periods ("compara octubre con septiembre")', () => {
    const s = scanDates(fold('compara octubre con septiembre'), TODAY);
    expect(s.periods.map((p) => p.from)).toEqual(['2026-10-01', '2026-09-01']);
  });

  it('reads "el mismo mes del año pasado" and "la anterior" as references to another period, not as periods', () => {
    const a = scanDates(fold('este mes frente al mismo mes del año pasado'), TODAY);
    expect(a.periods).toHaveLength(1);
    expect(a.relative.map((r) => r.shift)).toEqual(['previousYear']);
    const b = scanDates(fold('esta semana contra la anterior'), TODAY);
    expect(b.relative.map((r) => r.shift)).toEqual(['previous']);
  });

  it('leaves unresolved text alone (no period: the tool default applies)', () => {
    for (const q of ['envíos de push', 'may I see the push figures?', 'campaña 2025', 'top 10 campañas', 'el 31 de febrero']) {
      expect(scanDates(fold(q), TODAY).periods, q).toEqual([]);
    }
  });

  it('cuts ranges longer than the API maximum (731 days) to the last 731 days', () => {
    expect(one('los últimos 3 años')).toEqual(P('2024-11-21', '2026-11-21'));
  });
});

describe('scanDates: edge days', () => {
  it('"la semana pasada" on a Monday and on a Sunday', () => {
    expect(one('la semana pasada', '2026-11-23')).toEqual(P('2026-11-16', '2026-11-22'));
    expect(one('la semana pasada', '2026-11-22')).toEqual(P('2026-11-09', '2026-11-15'));
    expect(one('esta semana', '2026-11-23')).toEqual(P('2026-11-23'));
    expect(one('esta semana', '2026-11-22')).toEqual(P('2026-11-16', '2026-11-22'));
  });

  it('month boundaries and leap years', () => {
    expect(one('ayer', '2026-03-01')).toEqual(P('2026-02-28'));
    expect(one('el mes pasado', '2026-03-01')).toEqual(P('2026-02-01', '2026-02-28'));
    expect(one('ayer', '2028-03-01')).toEqual(P('2028-02-29'));
    expect(one('last month', '2028-03-31')).toEqual(P('2028-02-01', '2028-02-29'));
    expect(one('el último mes', '2026-03-31')).toEqual(P('2026-03-01', '2026-03-31'));
    expect(one('el mes pasado', '2027-01-01')).toEqual(P('2026-12-01', '2026-12-31'));
    expect(one('este año', '2027-01-01')).toEqual(P('2027-01-01'));
    expect(one('Q4', '2027-01-05')).toEqual(P('2026-10-01', '2026-12-31'));
    expect(one('el 29 de febrero', '2026-11-21')).toEqual(P('2024-02-29')); // the most recent 29 February
  });

  it('helpers: addMonths cuts to the month end, mondayOf, previousOf, previousYearOf', () => {
    expect(addMonths('2026-03-31', -1)).toBe('2026-02-28');
    expect(addMonths('2028-02-29', -12)).toBe('2027-02-28');
    expect(mondayOf('2026-11-22')).toBe('2026-11-16');
    expect(mondayOf('2026-11-23')).toBe('2026-11-23');
    expect(previousOf({ from: '2026-11-01', to: '2026-11-30', kind: 'month' })).toEqual(P('2026-10-01', '2026-10-31'));
    expect(previousOf({ from: '2026-11-01', to: '2026-11-21', kind: 'month' })).toEqual(P('2026-10-01', '2026-10-21'));
    expect(previousOf({ from: '2026-03-01', to: '2026-03-31', kind: 'month' })).toEqual(P('2026-02-01', '2026-02-28'));
    expect(previousOf({ from: '2026-07-01', to: '2026-09-30', kind: 'quarter' })).toEqual(P('2026-04-01', '2026-06-30'));
    expect(previousOf({ from: '2026-11-16', to: '2026-11-21', kind: 'week' })).toEqual(P('2026-11-09', '2026-11-14'));
    expect(previousOf({ from: '2026-11-15', to: '2026-11-21', kind: 'days' })).toEqual(P('2026-11-08', '2026-11-14'));
    expect(previousYearOf(P('2028-02-29'))).toEqual(P('2027-02-28'));
  });
});
