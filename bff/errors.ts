/**
 * Error catalogue: every error the BFF answers with has a stable code and an HTTP status, and goes
 * out as application/problem+json (RFC 9457). 5xx details never leave the process.
 */

export const PROBLEM_BASE = 'https://insights.indigitall.com/problems/';

export const ERRORS = {
  unauthorized: { status: 401, title: 'Authentication required' },
  forbidden_project: { status: 403, title: 'No access to this project' },
  invalid_parameter: { status: 400, title: 'Invalid parameter' },
  not_found: { status: 404, title: 'Not found' },
  project_not_found: { status: 404, title: 'Project not found' },
  internal: { status: 500, title: 'Internal error' },
} as const;

export type ErrorCode = keyof typeof ERRORS;

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    readonly detail: string,
    readonly param?: string,
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
