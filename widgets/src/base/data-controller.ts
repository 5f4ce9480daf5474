/**
 * The data side of a data element: one GET to the BFF per distinct request, made from the provider's
 * context (connection, filters, meta), re-made when any of those change (the stale request aborted),
 * with `ig-load` / `ig-error` dispatched once the state they announce is rendered, and the staleness
 * of the data groups the element shows. Rendering is the element's (see `IgDataElement`).
 */
import { Task, TaskStatus, initialState } from '@lit/task';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { IgApiError, type IgApiClient, type IgQueryParams } from '../api/client.js';
import type { IgFreshness, IgMetaResponse } from '../api/types.js';
import type { IgContextValue } from '../context/ig-context.js';
import { emitIgEvent } from '../events/index.js';
import { resolvePeriod, type IgFilters, type IgPeriodQuery } from '../filters/filters.js';

/** What a data element builds its request from. */
export interface IgDataScope {
  /** The provider's shared filters. */
  filters: Readonly<IgFilters>;
  /** The filters' period as `from`/`to` in the project's time zone (both unset: the BFF's default, the last 30 days). */
  period: IgPeriodQuery;
  /** The project's meta, once loaded. */
  meta: IgMetaResponse | undefined;
}

/** A request: the BFF path and its query (empty values are dropped). */
export interface IgDataRequest {
  path: string;
  params?: IgQueryParams;
}

export interface IgDataControllerOptions<T> {
  /** The provider's context (an `IgElement`'s `ig`). */
  context: () => IgContextValue | undefined;
  /**
   * The request for the current scope and the element's own properties; `undefined` requests
   * nothing (and leaves the element waiting). Called on every update: keep it cheap and pure.
   */
  request: (scope: IgDataScope) => IgDataRequest | undefined;
  /** Data groups (GET /v1/meta `freshness[].group`) the element shows, for the stale badge. */
  groups: () => readonly string[];
  /** Whether an answer has nothing to show (the empty state). Default: never. */
  isEmpty?: (data: T) => boolean;
}

/** What the element shows. `waiting`: connected, but the request cannot be built yet (meta in flight). */
export type IgDataState = 'disconnected' | 'loading' | 'empty' | 'error' | 'complete';

const isAbort = (error: unknown) => error instanceof DOMException && error.name === 'AbortError';

/** The browser's time zone: the period's zone when the project's is unknown (GET /v1/meta failed). */
const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

type Args = readonly [IgApiClient | undefined, string, IgDataRequest | undefined];

export class IgDataController<T> implements ReactiveController {
  private startedAt = 0;
  private pendingEvent: 'ig-load' | 'ig-error' | undefined;
  private rerunOnConnect = false;
  private readonly task: Task<Args, T>;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly options: IgDataControllerOptions<T>,
  ) {
    host.addController(this);
    this.task = new Task<Args, T>(host, {
      task: async ([client, , request], { signal }) => {
        if (!client || !request) return initialState;
        this.startedAt = performance.now();
        return client.get<T>(request.path, request.params ?? {}, signal);
      },
      // The client is the same instance until the provider's api/token/project change; the key is
      // the request itself. A new language or theme re-renders without refetching.
      args: () => {
        const ig = options.context();
        const client = ig?.client.connected ? ig.client : undefined;
        const request = client ? this.request(ig!) : undefined;
        return [client, JSON.stringify(request ?? null), request] as const;
      },
      argsEqual: (a, b) => a[0] === b[0] && a[1] === b[1],
      onComplete: () => {
        this.pendingEvent = 'ig-load';
      },
      onError: (error) => {
        this.pendingEvent = isAbort(error) ? undefined : 'ig-error';
      },
    });
  }

  private request(ig: IgContextValue): IgDataRequest | undefined {
    const meta = ig.meta.value;
    const zone = meta?.timeZone ?? (ig.meta.status === 'error' ? browserZone() : undefined);
    const period = resolvePeriod(ig.filters, zone, meta?.today);
    return period ? this.options.request({ filters: ig.filters, period, meta }) : undefined;
  }

  /** The current state, for rendering. */
  get state(): IgDataState {
    const ig = this.options.context();
    if (!ig?.client.connected) return 'disconnected';
    const { status, error, value } = this.task;
    if (status === TaskStatus.COMPLETE) return this.options.isEmpty?.(value as T) ? 'empty' : 'complete';
    if (status === TaskStatus.ERROR && !isAbort(error)) return 'error';
    return 'loading';
  }

  /** The answer (also while a newer request is in flight: render by `state`, never by `value`). */
  get value(): T | undefined {
    return this.task.value;
  }

  /** The failure of the `error` state. */
  get error(): IgApiError | undefined {
    return this.task.status === TaskStatus.ERROR ? IgApiError.from(this.task.error) : undefined;
  }

  /**
   * The freshness entries of the element's data groups that are stale: non-empty means the data is
   * older than its refresh tier allows.
   */
  get stale(): IgFreshness[] {
    const groups = this.options.groups();
    return (this.options.context()?.meta.value?.freshness ?? []).filter((f) => f.stale && groups.includes(f.group));
  }

  /** Runs the request again (the error state's Retry button). */
  retry(): void {
    void this.task.run();
  }

  hostConnected(): void {
    if (this.rerunOnConnect) {
      this.rerunOnConnect = false;
      void this.task.run();
    }
  }

  hostDisconnected(): void {
    // Nobody will see the answer; if the element comes back, it asks again.
    if (this.task.status === TaskStatus.PENDING) {
      this.rerunOnConnect = true;
      this.task.abort();
    }
  }

  /** Events fire once the state they announce is on screen. */
  hostUpdated(): void {
    const pending = this.pendingEvent;
    this.pendingEvent = undefined;
    if (pending === 'ig-load' && this.task.status === TaskStatus.COMPLETE) {
      emitIgEvent(this.host, 'ig-load', { durationMs: Math.round(performance.now() - this.startedAt) });
    } else if (pending === 'ig-error' && this.task.status === TaskStatus.ERROR) {
      const { status, code } = IgApiError.from(this.task.error);
      emitIgEvent(this.host, 'ig-error', { status, code });
    }
  }
}
