import { zones } from '../../../domain/shared/zones.ts';
import type { Text } from './i18n.tsx';

/** A district or county by code, in both languages (from the shared zone configuration). */
export const districtName = (code: string): Text => {
  for (const zone of zones) {
    const district = zone.districts.find((candidate) => candidate.code === code);
    if (district) return { zh: district.nameZh, en: district.nameEn };
  }
  return { zh: code, en: code };
};
