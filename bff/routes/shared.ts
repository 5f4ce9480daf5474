/** Response pieces every ranged endpoint of this resource family shares (docs/adr/010). */
import { z } from 'zod';

export const periodSchema = z.object({ from: z.string(), to: z.string() });

/** projectId, timeZone and period: carried by every ranged answer. */
export const rangedBase = {
  projectId: z.string(),
  timeZone: z.string(),
  period: periodSchema,
};
