/**
 * The staging helpers' fast paths (migration 0033) parse every input to what the previous definitions
 * (0010) gave: generated API timestamps in every form the helpers read (Z and z, offsets, spaces,
 * fractions, no offset, epoch milliseconds), strings ending in Z that are not timestamps, arbitrary
 * text, channel spellings; under session time zones on both sides of UTC. A value or the same error.
 */
import fc from 'fast-check';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase, type TestDatabase } from '../lib/testing/database.js';

let db: TestDatabase;
let owner: pg.Client;

beforeAll(async () => {
  db = await testDatabase();
  owner = new pg.Client(db.ownerUrl);
  await owner.connect();
  // The definitions of migration 0010, as the reference.
  await owner.query(`
    CREATE FUNCTION pg_temp.utc_ts_0010(t text) RETURNS timestamptz LANGUAGE sql STABLE AS $$
      SELECT CASE
        WHEN t IS NULL OR btrim(t) = '' THEN NULL
        WHEN btrim(t) ~ '^\\d{12,}$' THEN to_timestamp(btrim(t)::numeric / 1000)
        WHEN btrim(t) ~ '\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?\\s*(Z|z|UTC|[+-]\\d{2}(:?\\d{2})?)$' THEN btrim(t)::timestamptz
        ELSE btrim(t)::timestamp AT TIME ZONE 'UTC'
      END $$;
    CREATE FUNCTION pg_temp.chat_channel_0010(c text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
      SELECT CASE regexp_replace(lower(coalesce(c, '')), '[^a-z0-9]', '', 'g')
        WHEN '' THEN NULL
        WHEN 'whatsapp' THEN 'whatsapp' WHEN 'wa' THEN 'whatsapp' WHEN 'whatsappbusiness' THEN 'whatsapp'
        WHEN 'webapp' THEN 'webapp' WHEN 'web' THEN 'webapp' WHEN 'webchat' THEN 'webapp' WHEN 'chatweb' THEN 'webapp'
        ELSE regexp_replace(lower(c), '[^a-z0-9]', '', 'g')
      END $$;
    -- Each input through both, as text or 'error: <SQLSTATE>'; the inputs where they differ.
    CREATE FUNCTION pg_temp.differences(inputs text[], fast text, reference text) RETURNS TABLE (input text, got text, expected text)
    LANGUAGE plpgsql AS $$
    DECLARE t text; a text; b text;
    BEGIN
      FOREACH t IN ARRAY inputs LOOP
        BEGIN EXECUTE format('SELECT %s($1)::text', fast) INTO a USING t; EXCEPTION WHEN others THEN a := 'error: ' || SQLSTATE; END;
        BEGIN EXECUTE format('SELECT %s($1)::text', reference) INTO b USING t; EXCEPTION WHEN others THEN b := 'error: ' || SQLSTATE; END;
        IF a IS DISTINCT FROM b THEN input := t; got := a; expected := b; RETURN NEXT; END IF;
      END LOOP;
    END $$;`);
});

afterAll(async () => {
  await owner?.end();
  await db?.drop();
});

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const space = fc.constantFrom('', ' ', '  ', '\t');
/** Timestamps as the API and its variants write them, and near misses. */
const timestamp = fc
  .record({
    y: fc.integer({ min: 1970, max: 2099 }),
    mo: fc.integer({ min: 1, max: 12 }),
    d: fc.integer({ min: 1, max: 31 }),
    h: fc.integer({ min: 0, max: 24 }),
    mi: fc.integer({ min: 0, max: 59 }),
    s: fc.option(fc.integer({ min: 0, max: 60 })),
    frac: fc.option(fc.stringMatching(/^\.\d{1,6}$/)),
    sep: fc.constantFrom('T', ' ', 't'),
    zone: fc.constantFrom('Z', 'z', '', ' Z', 'UTC', '+00:00', '-05:00', '+0530', '+01', 'ZZ', 'Zulu', 'X'),
    lead: space,
    trail: space,
  })
  .map(({ y, mo, d, h, mi, s, frac, sep, zone, lead, trail }) => {
    const time = `${pad(h)}:${pad(mi)}${s === null ? '' : `:${pad(s)}${frac ?? ''}`}`;
    return `${lead}${y}-${pad(mo)}-${pad(d)}${sep}${time}${zone}${trail}`;
  });
const inputs = fc.oneof(
  timestamp,
  fc.bigInt({ min: 0n, max: 4_102_444_800_000n }).map(String),
  fc.string({ maxLength: 12 }).map((s) => `${s}Z`),
  fc.string({ maxLength: 24 }),
  fc.constantFrom('Z', ' Z', '', '   ', 'epochZ', 'infinityZ', '2026-02-30T10:00:00Z', '2026-12-07Z', '2026-12-07T10Z'),
);

async function differences(values: string[], fast: string, reference: string) {
  return (await owner.query(`SELECT * FROM pg_temp.differences($1, $2, $3)`, [values, fast, reference])).rows;
}

describe('staging helpers: fast paths parse as before', () => {
  for (const zone of ['UTC', 'America/Bogota', 'Asia/Kolkata']) {
    it(`staging.utc_ts on 2 000 generated inputs, session time zone ${zone}`, async () => {
      await owner.query(`SET TimeZone = '${zone}'`);
      const values = fc.sample(inputs, { numRuns: 2000, seed: 33 });
      const diff = await differences([...values, null as unknown as string], 'staging.utc_ts', 'pg_temp.utc_ts_0010');
      expect(diff).toEqual([]);
      // The generator reaches the fast path, the other branches and errors alike.
      const kinds = await owner.query<{ fast: number; errors: number; nulls: number }>(
        `SELECT count(*) FILTER (WHERE right(v, 1) = 'Z')::int AS fast, count(*) FILTER (WHERE pg_input_is_valid(btrim(v), 'timestamptz') IS FALSE)::int AS errors,
                count(*) FILTER (WHERE btrim(v) = '')::int AS nulls
         FROM unnest($1::text[]) v`,
        [values],
      );
      expect(kinds.rows[0]!.fast).toBeGreaterThan(300);
      expect(kinds.rows[0]!.errors).toBeGreaterThan(300);
      expect(kinds.rows[0]!.nulls).toBeGreaterThan(0);
    });
  }

  it('staging.chat_channel on every spelling and 2 000 generated strings', async () => {
    const spellings = ['whatsapp', 'webapp', 'WhatsApp', 'WHATSAPP', 'wa', 'whatsapp_business', 'Web', 'web-chat', 'chatweb', 'sms', '', ' whatsapp', 'whatsapp ', 'Whats App'];
    const values = [...spellings, ...fc.sample(fc.string({ maxLength: 16 }), { numRuns: 2000, seed: 33 }), null as unknown as string];
    expect(await differences(values, 'staging.chat_channel', 'pg_temp.chat_channel_0010')).toEqual([]);
  });

  it('would catch a fast path that parsed differently', async () => {
    await owner.query(`CREATE FUNCTION pg_temp.utc_ts_wrong(t text) RETURNS timestamptz LANGUAGE sql STABLE AS $$
      SELECT CASE WHEN right(t, 1) = 'Z' THEN left(t, -1)::timestamp AT TIME ZONE 'America/Bogota' ELSE pg_temp.utc_ts_0010(t) END $$`);
    expect((await differences(['2026-12-07T10:00:00Z', '2026-12-07T10:00:00'], 'pg_temp.utc_ts_wrong', 'pg_temp.utc_ts_0010')).length).toBe(1);
  });
});
