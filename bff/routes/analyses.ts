/**
 * Saved analyses: /v1/analyses CRUD with folders. Answers are per user (RLS shows a user's own rows
 * and the project's shared ones), so nothing here is cached. Writes need editor or admin and touch only
 * the caller's own rows; optimistic concurrency by the `version` a client read (409 when stale).
 */
import { z } from 'zod';
import {
  ANALYSIS_KINDS,
  SPEC_SCHEMAS,
  createAnalysis,
  deleteAnalysis,
  getAnalysis,
  listAnalyses,
  listFolders,
  updateAnalysis,
} from '../services/analyses.js';
import { defineRoute } from './define.js';

const name = z.string().trim().min(1).max(200);
const folder = z.string().trim().max(100).describe("Folder name; '' is the top level.");
const description = z.string().max(2000);
const version = z.number().int().min(1);

const summary = {
  id: z.string(),
  name: z.string(),
  folder: z.string(),
  description: z.string(),
  kind: z.enum(ANALYSIS_KINDS),
  shared: z.boolean(),
  ownerId: z.string(),
  mine: z.boolean(),
  version: z.number().int().describe('Send it back with a change: a stale one is a 409.'),
  createdAt: z.string(),
  updatedAt: z.string(),
};
const analysis = z.object({ ...summary, spec: z.record(z.string(), z.unknown()) });
const idParam = z.object({ id: z.uuid({ error: 'must be an analysis id (UUID)' }) }).strict();
const noQuery = z.object({}).strict();

export const foldersRoute = defineRoute({
  method: 'get',
  path: '/analyses/folders',
  operationId: 'listAnalysisFolders',
  summary: 'Folders of the analyses the user can see, with counts (all, own, shared).',
  tag: 'analyses',
  cacheable: false,
  response: z.object({
    folders: z.array(z.object({ folder: z.string(), count: z.number().int(), mine: z.number().int(), shared: z.number().int() })),
  }),
  handler: ({ db }) => listFolders(db),
});

export const analysesRoute = defineRoute({
  method: 'get',
  path: '/analyses',
  operationId: 'listAnalyses',
  summary: "The user's analyses and the project's shared ones (without their specs), newest first.",
  tag: 'analyses',
  cacheable: false,
  query: z
    .object({
      folder: folder.optional(),
      scope: z.enum(['all', 'mine', 'shared']).optional().describe("all (default), mine, or shared (others' shared analyses)."),
      limit: z.coerce.number().int().min(1).max(500).optional().describe('At most this many (default 200).'),
    })
    .strict(),
  response: z.object({ items: z.array(z.object(summary)), truncated: z.boolean() }),
  handler: ({ db, query }) => listAnalyses(db, query),
});

export const analysisRoute = defineRoute({
  method: 'get',
  path: '/analyses/:id',
  operationId: 'getAnalysis',
  summary: 'One analysis with its spec (own, or shared in the project).',
  tag: 'analyses',
  cacheable: false,
  params: idParam,
  response: analysis,
  handler: ({ db, params }) => getAnalysis(db, params.id),
});

const base = { name, folder: folder.default(''), description: description.default(''), shared: z.boolean().default(false) };
const createBody = z.discriminatedUnion('kind', [
  z.object({ ...base, kind: z.literal('widget'), spec: SPEC_SCHEMAS.widget }).strict(),
  z.object({ ...base, kind: z.literal('dashboard'), spec: SPEC_SCHEMAS.dashboard }).strict(),
  z.object({ ...base, kind: z.literal('chat'), spec: SPEC_SCHEMAS.chat }).strict(),
]);

export const createAnalysisRoute = defineRoute({
  method: 'post',
  path: '/analyses',
  operationId: 'createAnalysis',
  summary: 'Save an analysis (editor or admin). The owner is the caller.',
  tag: 'analyses',
  write: true,
  status: 201,
  query: noQuery,
  body: createBody,
  response: analysis,
  handler: ({ db, body }) => createAnalysis(db, body),
});

export const updateAnalysisRoute = defineRoute({
  method: 'patch',
  path: '/analyses/:id',
  operationId: 'updateAnalysis',
  summary: 'Rename, move, describe, edit the spec of, or share/unshare an own analysis, given the version read.',
  tag: 'analyses',
  write: true,
  params: idParam,
  query: noQuery,
  body: z
    .object({
      version: version.describe('The version this change is based on.'),
      name: name.optional(),
      folder: folder.optional(),
      description: description.optional(),
      shared: z.boolean().optional(),
      spec: z.record(z.string(), z.unknown()).optional().describe("Checked against the analysis's kind."),
    })
    .strict()
    .refine((b) => Object.keys(b).length > 1, 'nothing to change'),
  response: analysis,
  handler: ({ db, params, body }) => updateAnalysis(db, params.id, body),
});

export const deleteAnalysisRoute = defineRoute({
  method: 'delete',
  path: '/analyses/:id',
  operationId: 'deleteAnalysis',
  summary: 'Delete an own analysis; with `version`, only if it is still that version.',
  tag: 'analyses',
  write: true,
  status: 204,
  params: idParam,
  query: z.object({ version: z.coerce.number().int().min(1).optional() }).strict(),
  response: z.undefined(),
  handler: ({ db, params, query }) => deleteAnalysis(db, params.id, query.version),
});
