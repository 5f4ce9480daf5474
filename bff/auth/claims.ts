/**
 * The claims of indigitall's JWT that the BFF relies on (DESIGN.md, tenancy contract), and how a
 * request's project is chosen from them.
 */
import { z } from 'zod';
import { forbiddenProject, invalidParameter, unauthorized } from '../errors.js';

const projectIdSchema = z.string().regex(/^[1-9]\d{0,14}$/, 'must be a numeric project id');

export const claimsSchema = z.object({
  sub: z.string().min(1),
  project_id: projectIdSchema.optional(),
  project_ids: z.array(projectIdSchema).min(1).max(500).optional(),
  partner_id: z.string().optional(),
  role: z.enum(['viewer', 'editor', 'admin']).default('viewer'),
  locale: z.string().max(16).optional(),
});

export type Claims = z.infer<typeof claimsSchema>;

export interface AuthContext {
  userId: string;
  projectId: string;
  role: Claims['role'];
  locale: string | undefined;
}

/**
 * The project a request acts on: the one it names (query `project` or header `X-Ig-Project`), which
 * must be the token's project_id or one of its project_ids; otherwise the token's own project_id.
 */
export function resolveProject(claims: Claims, requested: string | undefined): AuthContext {
  const allowed = new Set([...(claims.project_id ? [claims.project_id] : []), ...(claims.project_ids ?? [])]);
  if (allowed.size === 0) throw unauthorized('The token carries no project.');
  let projectId: string;
  if (requested !== undefined) {
    if (!projectIdSchema.safeParse(requested).success) throw invalidParameter('project', 'project must be a numeric project id.');
    if (!allowed.has(requested)) throw forbiddenProject();
    projectId = requested;
  } else if (claims.project_id) {
    projectId = claims.project_id;
  } else {
    throw invalidParameter('project', 'This token covers several projects: name one with the project parameter.');
  }
  return { userId: claims.sub, projectId, role: claims.role, locale: claims.locale };
}
