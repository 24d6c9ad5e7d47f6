import { z } from 'zod';
import { usccSchema } from '../shared/uscc.ts';

export const parkLevelSchema = z.enum(['MUNICIPAL', 'PROVINCIAL']);
export type ParkLevel = z.infer<typeof parkLevelSchema>;

const mainlandPhone = /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/;

const parkFields = {
  parkName: z.string().trim().min(2).max(100),
  operatorName: z.string().trim().min(2).max(100),
  operatorUscc: usccSchema,
  address: z.string().trim().min(4).max(200),
  floorAreaSqm: z.number().positive().max(10_000_000),
  settledEnterprises: z.number().int().nonnegative().max(100_000),
  crossBorderEnterprises: z.number().int().nonnegative().max(100_000),
  annualTransactionCnyMillion: z.number().nonnegative().max(10_000_000),
  contactName: z.string().trim().min(2).max(50),
  contactPhone: z.string().regex(mainlandPhone, '联系电话格式不正确 / Invalid phone number'),
  description: z.string().trim().max(5_000).optional(),
};

export const municipalParkFormSchema = z.object({ level: z.literal('MUNICIPAL'), ...parkFields }).strict();

/** Provincial certification builds on a valid municipal certificate of the same park. */
export const provincialParkFormSchema = z
  .object({
    level: z.literal('PROVINCIAL'),
    municipalCertificateNumber: z.string().trim().min(5).max(40),
    ...parkFields,
  })
  .strict();

export const parkCertificationFormSchema = z
  .discriminatedUnion('level', [municipalParkFormSchema, provincialParkFormSchema])
  .refine((form) => form.crossBorderEnterprises <= form.settledEnterprises, {
    path: ['crossBorderEnterprises'],
    message: '跨境电商企业数不能超过入驻企业总数 / Cannot exceed the number of settled enterprises',
  });
export type ParkCertificationForm = z.infer<typeof parkCertificationFormSchema>;
