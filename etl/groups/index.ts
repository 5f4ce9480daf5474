/**
 * The registry of data groups the pipeline runs. A group engineer adds a GroupSpec in
 * etl/groups/<group>.ts and one line below; the scheduler (by tier), the CLI (backfill --group, sync)
 * and `projects remove` pick it up from here. Every registered spec must satisfy the contract's rules
 * (groupSpecProblem in etl/pipeline/plan.ts; etl/groups/index.test.ts checks them all).
 */
import type { DataGroup, GroupSpec, Tier } from '../pipeline/types.js';
import { agentsGroup } from './agents.js';
import { campaignsGroup } from './campaigns.js';
import { chatGroup } from './chat.js';
import { journeysGroup } from './journeys.js';
import { devices } from './devices.js';
import { email } from './email.js';
import { inapp } from './inapp.js';
import { push } from './push.js';
import { sms } from './sms.js';
import { wallet } from './wallet.js';

export const GROUPS: readonly GroupSpec[] = [
  // Send statistics (hourly tier; docs/adr/007).
  push,
  inapp,
  sms,
  email,
  // Wallet passes and devices (daily tier).
  wallet,
  devices,

  // Conversations and configurations (docs/adr/008): chat and agents every 15 minutes, campaign and
  // journey configurations every 6 hours.
  chatGroup,
  agentsGroup,
  campaignsGroup,
  journeysGroup,
];

export function findGroup(name: string): GroupSpec | undefined {
  return GROUPS.find((g) => g.group === name);
}

export function groupsOfTier(tier: Tier): GroupSpec[] {
  return GROUPS.filter((g) => g.tier === tier);
}

export function groupNames(): DataGroup[] {
  return GROUPS.map((g) => g.group);
}
