import { describe, expect, it } from 'vitest';
import {
  findDistrict,
  findPark,
  findZone,
  getZone,
  isDistrictOf,
  zoneCodeSchema,
  zoneSchema,
  zones,
} from '../../../../domain/shared/zones.ts';

describe('zones', () => {
  it('configures exactly Wuhu and Anqing, each valid against its schema', () => {
    expect(zones.map((zone) => zone.code)).toEqual(zoneCodeSchema.options);
    for (const zone of zones) expect(zoneSchema.parse(zone)).toEqual(zone);
  });

  it('lists the official divisions of Wuhu', () => {
    const wuhu = getZone('wuhu');
    expect(wuhu.districts.map((district) => district.nameZh)).toEqual([
      '镜湖区',
      '弋江区',
      '鸠江区',
      '湾沚区',
      '繁昌区',
      '南陵县',
      '无为市',
    ]);
    expect(findDistrict('wuhu', 'wuwei')?.kind).toBe('county_city');
    expect(findDistrict('wuhu', 'nanling')?.kind).toBe('county');
  });

  it('lists Anqing by its 1+3+7 layout', () => {
    const anqing = getZone('anqing');
    const byKind = (kind: string) =>
      anqing.districts.filter((district) => district.kind === kind).map((district) => district.nameZh);
    expect(byKind('development_zone')).toEqual(['安庆经开区']);
    expect(byKind('district')).toEqual(['迎江区', '大观区', '宜秀区']);
    expect([...byKind('county_city'), ...byKind('county')].sort()).toEqual(
      ['桐城市', '潜山市', '怀宁县', '太湖县', '宿松县', '望江县', '岳西县'].sort(),
    );
  });

  it("has Wuhu's five parks (一区五园), placed in districts where the plan says", () => {
    const wuhu = getZone('wuhu');
    expect(wuhu.parks).toHaveLength(5);
    expect(findPark('wuhu', 'jiujiang_park')?.districtCode).toBe('jiujiang');
    expect(findPark('wuhu', 'wuhu_comprehensive_bonded_zone')?.districtCode).toBeUndefined();
    expect(wuhu.parks.map((park) => park.nameZh)).toContain('芜湖空港跨境电子商务产业园区');
  });

  it('places every park in a district of its own zone, and codes are unique', () => {
    for (const zone of zones) {
      for (const park of zone.parks) {
        if (park.districtCode !== undefined)
          expect(isDistrictOf(zone.code, park.districtCode), park.code).toBe(true);
      }
      expect(new Set(zone.parks.map((park) => park.code)).size).toBe(zone.parks.length);
      expect(new Set(zone.targets.map((target) => target.code)).size).toBe(zone.targets.length);
    }
    const allDistrictCodes = zones.flatMap((zone) => zone.districts.map((district) => district.code));
    expect(new Set(allDistrictCodes).size).toBe(allDistrictCodes.length);
  });

  it('carries the targets of the plans', () => {
    const target = (zoneCode: 'wuhu' | 'anqing', code: string) =>
      getZone(zoneCode).targets.find((candidate) => candidate.code === code);
    expect(target('wuhu', 'enterprises')).toMatchObject({
      value: 300,
      comparison: 'at_least',
      dueDate: '2025-12-31',
    });
    expect(target('wuhu', 'parks')).toMatchObject({ value: 3, unit: 'parks' });
    expect(target('wuhu', 'leading_enterprises')).toMatchObject({ value: 5, unit: 'enterprises' });
    expect(target('wuhu', 'transaction_value')).toMatchObject({
      value: 14_000_000_000,
      unit: 'CNY',
      comparison: 'more_than',
    });
    expect(target('anqing', 'enterprises')).toMatchObject({ value: 500 });
    expect(target('anqing', 'transaction_value')).toMatchObject({ value: 14_000_000_000, unit: 'CNY' });
    expect(target('anqing', 'retail_import_value')).toMatchObject({ value: 1_000_000_000, unit: 'CNY' });
  });

  it('answers lookups, undefined or false when absent', () => {
    expect(findZone('anqing')?.nameZh).toBe('安庆');
    expect(findZone('hefei')).toBeUndefined();
    expect(findDistrict('anqing', 'daguan')?.nameZh).toBe('大观区');
    expect(findDistrict('wuhu', 'daguan')).toBeUndefined();
    expect(findDistrict('hefei', 'daguan')).toBeUndefined();
    expect(isDistrictOf('wuhu', 'jinghu')).toBe(true);
    expect(isDistrictOf('anqing', 'jinghu')).toBe(false);
    expect(zoneCodeSchema.safeParse('hefei').success).toBe(false);
  });
});
