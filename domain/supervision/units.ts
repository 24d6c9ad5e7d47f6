import type { LocalizedText } from '../shared/program.ts';
import type { ZoneCode } from '../shared/zones.ts';

/**
 * Responsible units (责任单位) the leading-group office assigns supervision tasks to. Configuration, like
 * the zones: each unit's users carry its `orgId` in their token. Municipal bodies sit in the district of
 * the city government, which is where their tasks are counted.
 */
export interface ResponsibleUnit {
  code: string;
  zone: ZoneCode;
  name: LocalizedText;
  orgId: string;
  district: string;
}

export const responsibleUnits: readonly ResponsibleUnit[] = [
  {
    code: 'WH_COMMERCE',
    zone: 'wuhu',
    name: { zh: '芜湖市商务局', en: 'Wuhu Municipal Bureau of Commerce' },
    orgId: 'unit-wuhu-commerce',
    district: 'jinghu',
  },
  {
    code: 'WH_CUSTOMS',
    zone: 'wuhu',
    name: { zh: '芜湖海关', en: 'Wuhu Customs' },
    orgId: 'unit-wuhu-customs',
    district: 'jiujiang',
  },
  {
    code: 'WH_TAX',
    zone: 'wuhu',
    name: { zh: '国家税务总局芜湖市税务局', en: 'Wuhu Municipal Tax Service' },
    orgId: 'unit-wuhu-tax',
    district: 'jinghu',
  },
  {
    code: 'WH_FOREX',
    zone: 'wuhu',
    name: { zh: '国家外汇管理局芜湖市分局', en: 'SAFE Wuhu Branch' },
    orgId: 'unit-wuhu-forex',
    district: 'jinghu',
  },
  {
    code: 'WH_JIUJIANG_GOV',
    zone: 'wuhu',
    name: { zh: '鸠江区人民政府', en: 'Jiujiang District Government' },
    orgId: 'unit-wuhu-jiujiang-gov',
    district: 'jiujiang',
  },
  {
    code: 'AQ_COMMERCE',
    zone: 'anqing',
    name: { zh: '安庆市商务局', en: 'Anqing Municipal Bureau of Commerce' },
    orgId: 'unit-anqing-commerce',
    district: 'yingjiang',
  },
  {
    code: 'AQ_CUSTOMS',
    zone: 'anqing',
    name: { zh: '安庆海关', en: 'Anqing Customs' },
    orgId: 'unit-anqing-customs',
    district: 'anqing_etdz',
  },
];

export const findUnit = (code: string): ResponsibleUnit | undefined =>
  responsibleUnits.find((unit) => unit.code === code);
