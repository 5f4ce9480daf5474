/**
 * The data version of every project, held in memory so a cached answer can be served without a
 * database round trip. Loaded with bff.project_versions() (migration 0017) and kept current by
 * LISTEN ig_data_version: the ETL's publishing transaction bumps the version and notifies at commit.
 *
 * Fail safe: while the listening connection is down (or before the first load), `get` answers
 * undefined and callers bypass the cache, so a missed notification can never serve stale data.
 * A notification drops the project's entry at once and reloads; a periodic reload is a second net.
 */
import pg from 'pg';
import type { Logger } from '../../lib/log.js';

export interface ProjectVersion {
  version: number;
  timeZone: string;
}

export interface VersionSource {
  get(projectId: string): ProjectVersion | undefined;
}

export class DataVersions implements VersionSource {
  private versions = new Map<string, ProjectVersion>();
  private client: pg.Client | undefined;
  private live = false;
  private stopped = false;
  private reloadTimer: NodeJS.Timeout | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private reloading: Promise<void> | undefined;
  private reloadAgain = false;

  constructor(
    private readonly url: string,
    private readonly logger: Logger,
    private readonly opts: { reloadMs?: number; retryMs?: number } = {},
  ) {}

  /** Connects and loads; never throws (a failure leaves the cache bypassed and retries). */
  async start(): Promise<void> {
    await this.connect();
    this.reloadTimer = setInterval(() => void this.reload(), this.opts.reloadMs ?? 30_000);
    this.reloadTimer.unref();
  }

  get(projectId: string): ProjectVersion | undefined {
    return this.live ? this.versions.get(projectId) : undefined;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.reloadTimer);
    clearTimeout(this.retryTimer);
    this.live = false;
    await this.client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.url, application_name: 'ig-bff-versions' });
    const lost = (err?: Error) => {
      if (this.client !== client) return;
      this.live = false;
      this.client = undefined;
      if (!this.stopped) {
        this.logger.warn({ err: err?.message }, 'data version listener lost: cache bypassed until it reconnects');
        this.retryTimer = setTimeout(() => void this.connect(), this.opts.retryMs ?? 2000);
        this.retryTimer.unref();
      }
    };
    client.on('error', lost);
    client.on('end', () => lost());
    client.on('notification', (msg) => {
      if (msg.payload) this.versions.delete(msg.payload);
      void this.reload();
    });
    this.client = client;
    try {
      await client.connect();
      await client.query('LISTEN ig_data_version');
      await this.reload();
    } catch (err) {
      lost(err as Error);
      await client.end().catch(() => undefined);
    }
  }

  /**
   * Reloads every project's version. A call during a load queues one more load after it (that load
   * may have read the versions before the commit that caused this call).
   */
  private reload(): Promise<void> {
    if (this.reloading) {
      this.reloadAgain = true;
      return this.reloading;
    }
    this.reloading = this.load().finally(() => {
      this.reloading = undefined;
      if (this.reloadAgain) {
        this.reloadAgain = false;
        void this.reload();
      }
    });
    return this.reloading;
  }

  private async load(): Promise<void> {
    const client = this.client;
    if (!client) return;
    try {
      const { rows } = await client.query<{ project_id: string; version: string; time_zone: string }>(
        'SELECT project_id::text, version::text, time_zone FROM bff.project_versions()',
      );
      this.versions = new Map(rows.map((r) => [r.project_id, { version: Number(r.version), timeZone: r.time_zone }]));
      this.live = true;
    } catch (err) {
      this.live = false;
      this.logger.warn({ err: (err as Error).message }, 'data versions could not be loaded: cache bypassed');
    }
  }
}
