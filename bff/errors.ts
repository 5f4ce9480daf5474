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
