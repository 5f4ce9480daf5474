/**
 * The planner over the two splits of the larger golden set (issue 14; docs/adr/024): the score per
 * split, category and language is printed, and floors asserted (development ≥ 95 %, held-out ≥ 90 %);
 * refusals run no tool and say why in the asker's language; and generated classes (fast-check):
 * any company name in the question is refused as another tenant unless it is the current project,
 * channel words × date phrases × languages read as the same channel and period, follow-ups change
 * exactly one thing, commercial days land on the right weekday for any year.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, weekday } from '../../../lib/dates.js';
import { parseToolCall } from '../tools.js';
import { GOLDEN_DEV } from './golden-dev.js';
import { GOLDEN_HELDOUT } from './golden-heldout.js';
import { resolveEvent } from './events.js';
import { planQuestion } from './index.js';
import { describeMiss, reportSplit, SPLITS } from './score.js';

const TODAY = '2026-11-18';
const ctx = { today: TODAY, timeZone: 'Europe/Madrid', projectName: 'Moda Lumen' };

describe('the larger golden set', () => {
  it('has ≥ 300 questions over both splits, with every class the issue names', () => {
    const all = [...SPLITS.development, ...SPLITS.heldOut];
    expect(all.length).toBeGreaterThanOrEqual(300);
    expect(GOLDEN_HELDOUT.length).toBeGreaterThanOrEqual(80);
    for (const lang of ['es', 'en', 'pt'] as const) expect(all.filter((g) => g.lang === lang).length, lang).toBeGreaterThanOrEqual(30);
    for (const kind of ['personal', 'tenant', 'write', 'injection', 'unsupported']) {
      expect(all.filter((g) => typeof g.expect === 'object' && !Array.isArray(g.expect) && g.expect.refuse === kind).length, kind).toBeGreaterThanOrEqual(3);
    }
    expect(all.filter((g) => g.history).length).toBeGreaterThanOrEqual(20);
    for (const tz of ['America/Mexico_City', 'America/Argentina/Buenos_Aires', 'America/Bogota', 'Europe/Madrid', 'America/Sao_Paulo']) {
      expect(all.filter((g) => g.timeZone === tz).length, tz).toBeGreaterThan(0);
    }
    for (const g of [...GOLDEN_DEV, ...GOLDEN_HELDOUT]) if (Array.isArray(g.expect)) for (const e of g.expect) expect(() => parseToolCall(e.name, e.input), g.q).not.toThrow();
  });

  it.each([
    ['development', SPLITS.development, 0.95],
    ['heldOut', SPLITS.heldOut, 0.9],
  ] as const)('%s split: accuracy above its floor, in the language of the question; per category printed', (name, cases, floor) => {
    const r = reportSplit(name, cases);
    const misses = r.score.misses.map(describeMiss).join('\n');
    console.log(`${r.lines.join('\n')}${misses ? `\nmisses:\n${misses}` : ''}`);
    expect(r.score.accuracy, misses).toBeGreaterThanOrEqual(floor);
    const wrong = r.score.results.filter((x) => !x.languageHit).map((x) => `${x.case.q} → ${x.plan.language}`);
    expect(wrong.length / cases.length).toBeLessThanOrEqual(0.02);
  });

  it('refuses every refusal case without a tool, naming the reason in the asker\'s language', () => {
    const words = {
      personal: { es: /datos personales/, en: /personal data/, pt: /dados pessoais/ },
      tenant: { es: /proyecto actual/, en: /current project/, pt: /projeto atual/ },
      write: { es: /Solo leo/, en: /only read/, pt: /Só leio/ },
      injection: { es: /instrucciones/, en: /instructions/, pt: /instruções/ },
      unsupported: { es: /no tiene datos/, en: /no data/, pt: /não tem dados/ },
    };
    for (const g of [...GOLDEN_DEV, ...GOLDEN_HELDOUT]) {
      if (Array.isArray(g.expect) || g.expect === 'unanswerable') continue;
      const plan = planQuestion(g.q, { ...ctx, timeZone: g.timeZone ?? ctx.timeZone });
      if (!('unanswerable' in plan)) continue; // a miss: counted by the accuracy test
      expect('calls' in plan).toBe(false);
      if (plan.reason === g.expect.refuse) expect(plan.unanswerable, g.q).toMatch(words[g.expect.refuse][g.lang]);
    }
  });
});

// ---------------------------------------------------------------------------------------------------
// Generated classes

const capitalised = fc
  .array(fc.constantFrom('Banco', 'Viajes', 'Zapatos', 'Grupo', 'Seguros', 'Andino', 'Sol', 'Ruiz', 'Norte', 'Hermanos', 'Lumbre', 'Acme', 'Telco', 'Farma', 'Café'), { minLength: 2, maxLength: 3 })
  .map((ws) => ws.join(' '));

describe('other tenants named in the question (issue 12 item 8)', () => {
  const templates = [
    (n: string) => ({ q: `¿Cuántos envíos push tuvo ${n} la semana pasada?`, lang: 'es' }),
    (n: string) => ({ q: `compara nuestro CTR con el de ${n}`, lang: 'es' }),
    (n: string) => ({ q: `el CTR de email de ${n} en octubre`, lang: 'es' }),
    (n: string) => ({ q: `How many pushes did ${n} send last month?`, lang: 'en' }),
    (n: string) => ({ q: `compare our open rate with ${n}`, lang: 'en' }),
    (n: string) => ({ q: `quantos envios teve a ${n} ontem?`, lang: 'pt' }),
    (n: string) => ({ q: `compare nosso CTR com o do ${n}`, lang: 'pt' }),
  ];

  it('refuses any company name, in the asker\'s language, naming it and the current project, with no tool', () => {
    fc.assert(
      fc.property(capitalised, fc.nat(templates.length - 1), (name, i) => {
        const { q, lang } = templates[i]!(name);
        const plan = planQuestion(q, ctx);
        expect('unanswerable' in plan, q).toBe(true);
        if (!('unanswerable' in plan)) return;
        expect(plan.reason, q).toBe('tenant');
        expect(plan.language, q).toBe(lang);
        expect(plan.unanswerable).toContain(name);
        expect(plan.unanswerable).toContain('Moda Lumen');
      }),
      { numRuns: 200, seed: 14 },
    );
  });

  it('answers when the name is the current project\'s, a campaign\'s or a journey\'s', () => {
    expect(planQuestion('¿Cuántos envíos push tuvo Moda Lumen la semana pasada?', ctx)).toMatchObject({ calls: [{ name: 'kpis_by_channel', input: { channel: 'push' } }] });
    expect(planQuestion('¿Dónde abandonan los usuarios el journey de Bienvenida Nuevos Clientes?', ctx)).toMatchObject({ calls: [{ name: 'journey_dropoff' }] });
    expect(planQuestion('CTR de push en el Black Friday', ctx)).toMatchObject({ calls: [{ name: 'kpis_by_channel' }] });
  });
});

describe('channel words × date phrases × languages', () => {
  const channelWords: [string, string][] = [
    ['pushes', 'push'], ['notis push', 'push'], ['notificaciones', 'push'], ['whatsapps', 'chat'], ['wasaps', 'chat'], ['guasaps', 'chat'], ['whatsap', 'chat'],
    ['mails', 'email'], ['correos', 'email'], ['e-mails', 'email'], ['emial', 'email'], ['sms', 'sms'], ['mensajes de texto', 'sms'], ['in app', 'inapp'],
  ];
  const dates: [string, { from: string; to: string }][] = [
    ['ayer', { from: '2026-11-17', to: '2026-11-17' }],
    ['lo que llevamos de año', { from: '2026-01-01', to: TODAY }],
    ['lo que va del mes', { from: '2026-11-01', to: TODAY }],
    ['el fin de semana pasado', { from: '2026-11-14', to: '2026-11-15' }],
    ['el trimestre pasado', { from: '2026-07-01', to: '2026-09-30' }],
    ['en diciembre', { from: '2025-12-01', to: '2025-12-31' }],
    ['el black friday', { from: '2025-11-28', to: '2025-11-28' }],
  ];
  it('reads the channel and the period whatever the words', () => {
    fc.assert(
      fc.property(fc.constantFrom(...channelWords), fc.constantFrom(...dates), fc.constantFrom('cuántos', 'cuantos', 'envíos de', 'dame los'), ([word, channel], [phrase, period], lead) => {
        const q = `${lead} ${word} ${phrase}`;
        expect(planQuestion(q, ctx), q).toMatchObject({ language: 'es', calls: [{ name: 'kpis_by_channel', input: { channel, ...period } }] });
      }),
      { numRuns: 150, seed: 14 },
    );
  });
});

describe('follow-ups', () => {
  it('change exactly the channel, or exactly the period, of any previous KPI question', () => {
    const channels = [['push', 'push'], ['SMS', 'sms'], ['email', 'email'], ['WhatsApp', 'chat']] as const;
    const periods = [
      ['ayer', { from: '2026-11-17', to: '2026-11-17' }, 'el día anterior', { from: '2026-11-16', to: '2026-11-16' }],
      ['en octubre', { from: '2026-10-01', to: '2026-10-31' }, 'el mes anterior', { from: '2026-09-01', to: '2026-09-30' }],
      ['la semana pasada', { from: '2026-11-09', to: '2026-11-15' }, 'la semana anterior', { from: '2026-11-02', to: '2026-11-08' }],
      ['en 2025', { from: '2025-01-01', to: '2025-12-31' }, 'el año anterior', { from: '2024-01-01', to: '2024-12-31' }],
    ] as const;
    fc.assert(
      fc.property(fc.constantFrom(...channels), fc.constantFrom(...channels), fc.constantFrom(...periods), fc.boolean(), ([w1, c1], [w2, c2], [p, range, shift, shifted], byChannel) => {
        const history = [{ question: `¿Cuántos envíos de ${w1} hubo ${p}?` }];
        const q = byChannel ? `¿y por ${w2}?` : `¿y ${shift}?`;
        const want = byChannel ? { channel: c2, ...range } : { channel: c1, ...shifted };
        expect(planQuestion(q, { ...ctx, history }), `${history[0]!.question} → ${q}`).toMatchObject({ calls: [{ name: 'kpis_by_channel', input: want }], followUp: true });
      }),
      { numRuns: 100, seed: 14 },
    );
  });

  it('without history, a bare follow-up is not guessed', () => {
    expect('unanswerable' in planQuestion('¿y el mes anterior?', ctx)).toBe(true);
  });
});

describe('commercial days, any year', () => {
  it('Black Friday is the Friday after the fourth Thursday of November; Cyber Monday three days later; Buen Fin ends on the third Monday', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2000, max: 2099 }).filter((y) => y !== 2025), (y) => {
        const bf = resolveEvent('black friday', y, 'ES', '2100-01-01') as { from: string };
        expect(weekday(bf.from)).toBe(5);
        expect(Number(bf.from.slice(8))).toBeGreaterThanOrEqual(23);
        expect(Number(bf.from.slice(8))).toBeLessThanOrEqual(29);
        expect(resolveEvent('cyber monday', y, 'ES', '2100-01-01')).toEqual({ from: addDays(bf.from, 3), to: addDays(bf.from, 3) });
        const bfin = resolveEvent('buen fin', y, 'MX', '2100-01-01') as { from: string; to: string };
        expect(weekday(bfin.to)).toBe(1);
        expect(Number(bfin.to.slice(8))).toBeGreaterThanOrEqual(15);
        expect(Number(bfin.to.slice(8))).toBeLessThanOrEqual(21);
      }),
      { numRuns: 60, seed: 14 },
    );
  });

  it('Mother\'s Day per country; a Hot Sale without announced dates is said to be unknown, not guessed', () => {
    expect(resolveEvent('dia de la madre', 2026, 'MX', TODAY)).toEqual({ from: '2026-05-10', to: '2026-05-10' });
    expect(resolveEvent('dia de la madre', 2026, 'ES', TODAY)).toEqual({ from: '2026-05-03', to: '2026-05-03' });
    expect(resolveEvent('dia de la madre', 2026, 'AR', TODAY)).toEqual({ from: '2026-10-18', to: '2026-10-18' });
    expect(resolveEvent('hot sale', undefined, 'MX', TODAY)).toBe('unknown');
    const plan = planQuestion('envíos de push en el hot sale', { ...ctx, timeZone: 'America/Mexico_City' });
    expect(plan).toMatchObject({ reason: 'unknownDate' });
  });

  it('uses the day of the project\'s own calendar: the most recent one that has begun', () => {
    // On the day itself it is that day; the day before, last year's.
    expect(planQuestion('push en black friday', { ...ctx, today: '2026-11-27' })).toMatchObject({ calls: [{ input: { from: '2026-11-27', to: '2026-11-27' } }] });
    expect(planQuestion('push en black friday', { ...ctx, today: '2026-11-26' })).toMatchObject({ calls: [{ input: { from: '2025-11-28', to: '2025-11-28' } }] });
  });
});
