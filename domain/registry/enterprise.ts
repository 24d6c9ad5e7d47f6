import { z } from 'zod';
import { controlCharactersMessage, hasControlCharacters } from '../shared/text.ts';
import { usccSchema } from '../shared/uscc.ts';
import { districtCodeSchema, isDistrictOf, zoneCodeSchema } from '../shared/zones.ts';

/**
 * The enterprise registry (企业名录): who may claim subsidies and brand support, and where. The USCC is the
 * id; an `enterprise` account's `orgId` is its USCC, so an applicant reads only its own record.
 */

/** A registry name or label: trimmed, bounded, one line without control characters. */
export const registryTextSchema = (min: number, max: number) =>
  z
    .string()
    .trim()
    .min(min)
    .max(max)
    .refine((text) => !hasControlCharacters(text, { multiline: false }), {
      message: controlCharactersMessage,
    });
const plainText = registryTextSchema;

/** Mainland mobile (1xx xxxx xxxx, optionally +86) or landline with area code (0553-1234567). */
export const phoneSchema = z
  .string()
  .trim()
  .regex(/^(?:(?:\+86[- ]?)?1[3-9]\d{9}|0\d{2,3}-?\d{7,8}(?:-\d{1,6})?)$/, {
    message: '电话号码格式无效 / Invalid phone number',
  });

export const enterpriseContactSchema = z
  .object({
    name: plainText(2, 50),
    phone: phoneSchema,
    email: z.email().max(254).optional(),
  })
  .strict();
export type EnterpriseContact = z.infer<typeof enterpriseContactSchema>;

export const enterpriseNameSchema = z
  .object({ zh: plainText(2, 100), en: plainText(2, 200).optional() })
  .strict();

/** The fields an administrator or the zone office writes; the rest (id, version, stamps) the platform sets. */
export const enterpriseFieldsShape = {
  name: enterpriseNameSchema,
  zone: zoneCodeSchema,
  district: districtCodeSchema,
  /** 在本综试区注册: a subsidy eligibility condition. */
  registeredInZone: z.boolean(),
  contacts: z.array(enterpriseContactSchema).min(1).max(5),
};

const districtInZone = (value: { zone: string; district: string }, context: z.RefinementCtx) => {
  if (!isDistrictOf(value.zone, value.district)) {
    context.addIssue({
      code: 'custom',
      path: ['district'],
      message: '县区不属于该综试区 / The district is not in that zone',
    });
  }
};

/** `PUT /enterprises/{uscc}`: without `version` it creates; with it, it updates that version only. */
export const putEnterpriseBodySchema = z
  .object({ ...enterpriseFieldsShape, version: z.number().int().positive().optional() })
  .strict()
  .superRefine(districtInZone);
export type PutEnterpriseBody = z.infer<typeof putEnterpriseBodySchema>;

export const enterpriseSchema = z
  .object({
    uscc: usccSchema,
    ...enterpriseFieldsShape,
    updatedAt: z.string(),
    updatedBy: z.string(),
    /** Optimistic concurrency: 1 on creation, +1 per update; an update must name the version it read. */
    version: z.number().int().positive(),
  })
  .strict()
  .superRefine(districtInZone);
export type Enterprise = z.infer<typeof enterpriseSchema>;
