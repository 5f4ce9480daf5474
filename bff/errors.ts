/**
 * Error catalogue: every error the BFF answers with has a stable code and an HTTP status, and goes
 * out as application/problem+json (RFC 9457). 5xx details never leave the process.
 */

export const PROBLEM_BASE = 'https://insights.indigitall.com/problems/';

export const ERRORS = {
  invalid_parameter: { status: 400, title: 'Invalid parameter' },
  unauthorized: { status: 401, title: 'Authentication required' },
  forbidden_project: { status: 403, title: 'No access to this project' },
  forbidden_role: { status: 403, title: 'Role not allowed' },
  forbidden_owner: { status: 403, title: 'Not the owner' },
  forbidden_origin: { status: 403, title: 'Origin not allowed' },
  not_found: { status: 404, title: 'Not found' },
  project_not_found: { status: 404, title: 'Project not found' },
  not_acceptable: { status: 406, title: 'Not acceptable' },
  conflict: { status: 409, title: 'Conflict' },
  payload_too_large: { status: 413, title: 'Payload too large' },
  unsupported_media_type: { status: 415, title: 'Unsupported media type' },
  rate_limited: { status: 429, title: 'Too many requests' },
  chat_quota_exceeded: { status: 429, title: 'Daily chat quota reached' },
  internal: { status: 500, title: 'Internal error' },
  model_error: { status: 502, title: 'The language model failed' },
  unavailable: { status: 503, title: 'Service unavailable' },
  timeout: { status: 503, title: 'Request timed out' },
  model_unavailable: { status: 503, title: 'The language model is overloaded' },
} as const;

export type ErrorCode = keyof typeof ERRORS;

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    readonly detail: string,
    readonly param?: string,
    /** Seconds a client should wait before retrying (429 and 503 answers carry Retry-After). */
    readonly retryAfterS?: number,
  ) {
    super(detail);
    this.status = ERRORS[code].status;
  }

  toProblem() {
    return {
      type: PROBLEM_BASE + this.code,
      title: ERRORS[this.code].title,
      status: this.status,
      code: this.code,
      detail: this.detail,
      ...(this.param ? { param: this.param } : {}),
    };
  }
}

export const unauthorized = (detail = 'A valid bearer token is required.') => new AppError('unauthorized', detail);
export const forbiddenProject = (detail = 'The token does not grant access to this project.') => new AppError('forbidden_project', detail);
export const invalidParameter = (param: string, detail: string) => new AppError('invalid_parameter', detail, param);

/**
 * The 4xx errors of Express and its body parser (http-errors with a status and a `type`) as problems:
 * a body in another charset or encoding is 415, too large 413, unreadable 400. Their messages are not
 * echoed. Undefined for anything else.
 */
export function fromHttpError(err: unknown): AppError | undefined {
  const e = err as { status?: unknown; statusCode?: unknown; type?: unknown } | null;
  const status = typeof e?.status === 'number' ? e.status : typeof e?.statusCode === 'number' ? e.statusCode : undefined;
  if (status === undefined || status < 400 || status > 499) return undefined;
  switch (e!.type) {
    case 'entity.parse.failed':
      return new AppError('invalid_parameter', 'The body is not valid JSON.', 'body');
    case 'entity.too.large':
      return new AppError('payload_too_large', 'The body is larger than this endpoint accepts.');
    case 'charset.unsupported':
      return new AppError('unsupported_media_type', 'The body must be UTF-8 (charset=utf-8).', 'content-type');
    case 'encoding.unsupported':
      return new AppError('unsupported_media_type', 'The body must be sent without Content-Encoding, or gzip, deflate or br.', 'content-encoding');
  }
  if (status === 413) return new AppError('payload_too_large', 'The body is larger than this endpoint accepts.');
  if (status === 415) return new AppError('unsupported_media_type', 'This body type or encoding is not accepted.', 'content-type');
  return new AppError('invalid_parameter', 'The request body could not be read (truncated, or not in its declared Content-Encoding).', 'body');
}

/**
 * PostgreSQL's refusals of input it cannot hold (a backstop behind the edge checks of bff/edges.ts):
 * NUL or lone surrogates in text or jsonb, characters outside the encoding. Undefined otherwise.
 */
export function fromUnstorableInput(err: unknown): AppError | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  if (code === '22P05' || code === '22021') return new AppError('invalid_parameter', 'The input holds characters that cannot be stored.', 'body');
  return undefined;
}

/** RFC 6750 challenge of a 401 (and of a 400 about the Authorization header itself). */
export function bearerChallenge(err: AppError, credentialsSent: boolean): string | undefined {
  const realm = 'realm="indigitall-insights"';
  if (err.status === 401) {
    if (!credentialsSent) return `Bearer ${realm}`;
    return `Bearer ${realm}, error="invalid_token", error_description="${err.detail.replace(/["\\]/g, "'").replace(/[^\x20-\x7e]/g, '')}"`;
  }
  if (err.param === 'authorization') return `Bearer ${realm}, error="invalid_request"`;
  return undefined;
}
