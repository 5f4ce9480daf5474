// Catalogue and scale knobs: demo logins, synthetic projects (deterministic, varied, usable by every
// generator), and the zone helpers the timestamps rely on.

import { describe, expect, it } from 'vitest';
import { addDays, isTimeZone, todayIn } from '../../lib/dates.js';
import { projectCampaigns } from './campaigns.js';
import { ACCOUNT_LOGIN, ACCOUNT_SERVER_KEY, DEMO_PROJECTS, loginsFor, serverKeysFor, syntheticProjects } from './catalog.js';
import { channelTotals, CHANNELS } from './channels.js';
import { dateStats } from './generator.js';
import { SYNTHETIC_MODEL } from './model.js';
import { localClock, localToEpoch } from './time.js';

const NOW = new Date('2026-11-21T12:00:00Z');
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('demo logins and keys', () => {
  it('gives every demo project its own login and the account login covers all', () => {
    const logins = loginsFor(DEMO_PROJECTS);
    for (const p of DEMO_PROJECTS) expect(logins[p.login!.mail]).toEqual({ password: p.login!.password, projectIds: [p.id] });
    expect(logins[ACCOUNT_LOGIN.mail]).toEqual({ password: ACCOUNT_LOGIN.password, projectIds: DEMO_PROJECTS.map((p) => p.id) });
    expect(Object.isFrozen(DEMO_PROJECTS[0]!.channels)).toBe(true);
  });
});

describe('syntheticProjects', () => {
  const opts = { seed: 7, historyDays: 200, campaignsPerProject: 30, now: NOW };

  it('is deterministic for the same arguments and differs by seed', () => {
    expect(syntheticProjects(20, opts)).toEqual(syntheticProjects(20, opts));
    expect(syntheticProjects(20, { ...opts, seed: 8 })).not.toEqual(syntheticProjects(20, opts));
    expect(syntheticProjects(5, opts)).toEqual(syntheticProjects(20, opts).slice(0, 5));
    expect(syntheticProjects(0, opts)).toEqual([]);
    expect(() => syntheticProjects(-1)).toThrow(RangeError);
  });

  it('numbers ids from 200000 with unique keys and logins, varied zones, volumes and channels', () => {
    const ps = syntheticProjects(500, opts);
    expect(ps.map((p) => p.id)).toEqual(ps.map((_, i) => SYNTHETIC_MODEL.idBase + i));
    expect(new Set(ps.map((p) => p.serverKey)).size).toBe(500);
    expect(ps.every((p) => UUID.test(p.serverKey))).toBe(true);
    expect(new Set(ps.map((p) => p.login!.mail)).size).toBe(500);
    expect(new Set(ps.map((p) => p.timeZone)).size).toBe(SYNTHETIC_MODEL.timeZones.length);
    expect(ps.every((p) => isTimeZone(p.timeZone))).toBe(true);
    const audiences = ps.map((p) => p.dailyAudience).sort((a, b) => a - b);
    expect(audiences.at(-1)! / audiences[0]!).toBeGreaterThan(20);
    expect(ps.some((p) => p.chatEnabled) && ps.some((p) => !p.chatEnabled)).toBe(true);
    expect(ps.some((p) => p.channels!.wallet === 0) && ps.some((p) => p.channels!.wallet! > 0)).toBe(true);
    expect(ps.every((p) => p.createdAt === addDays(todayIn('UTC', NOW), -(opts.historyDays - 1)))).toBe(true);
    const keys = serverKeysFor([...DEMO_PROJECTS, ...ps]);
    expect(keys[ACCOUNT_SERVER_KEY]).toHaveLength(503);
  });

  it('creates about campaignsPerProject campaigns over the history', () => {
    const ps = syntheticProjects(40, opts);
    const counts = ps.map((p) => projectCampaigns(p, NOW).filter((c) => c.kind !== 'api' && c.createdAt >= p.createdAt).length);
    const mean = counts.reduce((a, b) => a + b, 0) / counts.length;
    expect(mean).toBeGreaterThan(opts.campaignsPerProject * 0.8);
    expect(mean).toBeLessThan(opts.campaignsPerProject * 1.2);
    const more = syntheticProjects(40, { ...opts, campaignsPerProject: 90 });
    expect(projectCampaigns(more[0]!, NOW).length).toBeGreaterThan(projectCampaigns(ps[0]!, NOW).length);
  });

  it('serves every channel for synthetic projects, starting at their createdAt', () => {
    for (const p of syntheticProjects(25, opts)) {
      const rows = dateStats(p, addDays(p.createdAt, -3), addDays(p.createdAt, 2), 'daily', NOW);
      expect(rows[0]!.statsDate).toBe(p.createdAt);
      for (const c of CHANNELS) {
        const t = channelTotals(p, c, addDays(todayIn(p.timeZone, NOW), -6), todayIn(p.timeZone, NOW), NOW);
        for (const v of Object.values(t)) expect(Number.isFinite(v) && v >= 0).toBe(true);
      }
      if (p.chatEnabled) expect(channelTotals(p, 'chat', addDays(todayIn(p.timeZone, NOW), -6), todayIn(p.timeZone, NOW), NOW).sent).toBeGreaterThan(0);
      else expect(channelTotals(p, 'chat', p.createdAt, todayIn(p.timeZone, NOW), NOW).sent).toBe(0);
    }
  });
});

describe('zone helpers', () => {
  it('convert local wall clock to instants and back, across DST and odd offsets', () => {
    expect(new Date(localToEpoch('2026-11-20', 9 * 60, 'America/Bogota')).toISOString()).toBe('2026-11-20T14:00:00.000Z');
    expect(new Date(localToEpoch('2026-07-01', 9 * 60, 'Europe/Madrid')).toISOString()).toBe('2026-07-01T07:00:00.000Z');
    expect(new Date(localToEpoch('2026-01-15', 9 * 60, 'Europe/Madrid')).toISOString()).toBe('2026-01-15T08:00:00.000Z');
    expect(new Date(localToEpoch('2026-11-20', 0, 'Asia/Kathmandu')).toISOString()).toBe('2026-11-19T18:15:00.000Z');
    // 02:30 does not exist in Madrid on 2026-03-29: read with the offset before the change (01:30Z = 03:30 CEST)
    expect(new Date(localToEpoch('2026-03-29', 150, 'Europe/Madrid')).toISOString()).toBe('2026-03-29T01:30:00.000Z');
    // 02:30 happens twice on 2026-10-25: the later instant (02:30 CET = 01:30Z)
    expect(new Date(localToEpoch('2026-10-25', 150, 'Europe/Madrid')).toISOString()).toBe('2026-10-25T01:30:00.000Z');
    expect(localToEpoch('2026-11-20', 1440, 'Europe/Madrid')).toBe(localToEpoch('2026-11-21', 0, 'Europe/Madrid'));
    for (const tz of ['America/Bogota', 'Europe/Madrid', 'Pacific/Auckland', 'Asia/Kolkata']) {
      for (const [d, m] of [['2026-03-29', 600], ['2026-10-25', 1200], ['2026-04-05', 61]] as const) {
        const t = localToEpoch(d, m, tz, 17);
        expect(localClock(t, tz)).toEqual({ date: d, minute: m, second: 17 });
      }
    }
    expect(localClock(NOW, 'America/Mexico_City')).toEqual({ date: '2026-11-21', minute: 6 * 60, second: 0 });
  });
});
