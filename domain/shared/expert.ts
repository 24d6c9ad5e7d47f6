import { z } from 'zod';

/** An expert in the platform's pool; `userId` is the expert's account (the token's `sub`). */
export const expertSchema = z
  .object({
    userId: z.string().min(1).max(128),
    name: z.string().trim().min(2).max(50),
    zone: z.string().min(1),
    /** Home district: an expert never reviews a park of the same district. */
    district: z.string().min(1),
    specialties: z.array(z.string().max(50)).max(20).default([]),
    /** Organizations the expert declared a conflict of interest with (USCC or org id). */
    conflictOrgIds: z.array(z.string().max(64)).max(100).default([]),
    active: z.boolean().default(true),
  })
  .strict();
export type Expert = z.infer<typeof expertSchema>;

export const panelExclusionReasonSchema = z.enum(['SAME_DISTRICT', 'DECLARED_CONFLICT', 'INACTIVE']);
export type PanelExclusionReason = z.infer<typeof panelExclusionReasonSchema>;

export const expertPanelSchema = z.object({
  applicationId: z.string(),
  size: z.number().int().positive(),
  members: z.array(z.object({ userId: z.string(), name: z.string() })),
  exclusions: z.array(z.object({ userId: z.string(), name: z.string(), reason: panelExclusionReasonSchema })),
  drawnBy: z.string(),
  drawnAt: z.string(),
});
export type ExpertPanel = z.infer<typeof expertPanelSchema>;

export interface PanelDraw {
  members: ExpertPanel['members'];
  exclusions: ExpertPanel['exclusions'];
}

/**
 * Draws `size` experts at random from the zone's pool, after excluding every expert with a conflict:
 * the park's own district, or a declared conflict with the applicant. `randomIndex(n)` returns an
 * integer in [0, n) — cryptographically random in production, seeded in tests.
 */
export const drawPanel = (
  pool: readonly Expert[],
  application: { zone: string; district: string; orgId: string },
  size: number,
  randomIndex: (bound: number) => number,
): PanelDraw => {
  const exclusions: PanelDraw['exclusions'] = [];
  const eligible: Expert[] = [];
  for (const expert of pool) {
    if (expert.zone !== application.zone) continue;
    const reason: PanelExclusionReason | undefined = !expert.active
      ? 'INACTIVE'
      : expert.district === application.district
        ? 'SAME_DISTRICT'
        : expert.conflictOrgIds.includes(application.orgId)
          ? 'DECLARED_CONFLICT'
          : undefined;
    if (reason) exclusions.push({ userId: expert.userId, name: expert.name, reason });
    else eligible.push(expert);
  }
  // Partial Fisher–Yates: every subset of the eligible experts is equally likely.
  const chosen = [...eligible];
  const count = Math.min(size, chosen.length);
  for (let index = 0; index < count; index += 1) {
    const swap = index + randomIndex(chosen.length - index);
    [chosen[index], chosen[swap]] = [chosen[swap] as Expert, chosen[index] as Expert];
  }
  return {
    members: chosen.slice(0, count).map((expert) => ({ userId: expert.userId, name: expert.name })),
    exclusions,
  };
};

/** Sum of an expert's criterion scores. */
export const totalScore = (scores: Record<string, number>): number =>
  Object.values(scores).reduce((sum, score) => sum + score, 0);
