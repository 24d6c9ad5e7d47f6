import { z } from 'zod';

/**
 * The two pilot zones as configuration, from the Wuhu and Anqing implementation plans
 * (中国（芜湖）/（安庆）跨境电子商务综合试验区建设实施方案). Districts follow the current official
 * divisions; parks and targets are those the plans name.
 */

export const zoneCodeSchema = z.enum(['wuhu', 'anqing']);
export type ZoneCode = z.infer<typeof zoneCodeSchema>;

export const districtKindSchema = z.enum(['district', 'county', 'county_city', 'development_zone']);
export type DistrictKind = z.infer<typeof districtKindSchema>;

export const districtCodeSchema = z.string().regex(/^[a-z][a-z0-9_]*$/);
export type DistrictCode = z.infer<typeof districtCodeSchema>;

export const districtSchema = z.object({
  code: districtCodeSchema,
  nameZh: z.string().min(1),
  nameEn: z.string().min(1),
  kind: districtKindSchema,
});
export type District = z.infer<typeof districtSchema>;

export const parkSchema = z.object({
  code: z.string().regex(/^[a-z][a-z0-9_]*$/),
  nameZh: z.string().min(1),
  nameEn: z.string().min(1),
  /** Absent where the plan names the park without placing it in a district. */
  districtCode: districtCodeSchema.optional(),
  /** The park's role in the plan's layout, in the plan's words. */
  focusZh: z.string().min(1),
});
export type Park = z.infer<typeof parkSchema>;

export const targetUnitSchema = z.enum(['enterprises', 'parks', 'CNY']);
export type TargetUnit = z.infer<typeof targetUnitSchema>;

/**
 * 'at_least' for 以上 / 达到 (the value itself meets the target), 'more_than' for 超过.
 */
export const targetComparisonSchema = z.enum(['at_least', 'more_than']);
export type TargetComparison = z.infer<typeof targetComparisonSchema>;

export const zoneTargetSchema = z.object({
  code: z.string().regex(/^[a-z][a-z0-9_]*$/),
  nameZh: z.string().min(1),
  nameEn: z.string().min(1),
  unit: targetUnitSchema,
  value: z.number().positive(),
  comparison: targetComparisonSchema,
  dueDate: z.iso.date(),
});
export type ZoneTarget = z.infer<typeof zoneTargetSchema>;

export const zoneSchema = z.object({
  code: zoneCodeSchema,
  nameZh: z.string().min(1),
  nameEn: z.string().min(1),
  pilotZoneNameZh: z.string().min(1),
  pilotZoneNameEn: z.string().min(1),
  /** The prefecture-level city's GB/T 2260 code. */
  divisionCode: z.string().regex(/^\d{6}$/),
  districts: z.array(districtSchema).readonly(),
  parks: z.array(parkSchema).readonly(),
  targets: z.array(zoneTargetSchema).readonly(),
});
export type Zone = z.infer<typeof zoneSchema>;

/** Both plans set their targets for 2025 (芜湖: 到2025年末; 安庆: 到2025年). */
const endOf2025 = '2025-12-31';

const wuhu: Zone = {
  code: 'wuhu',
  nameZh: '芜湖',
  nameEn: 'Wuhu',
  pilotZoneNameZh: '中国（芜湖）跨境电子商务综合试验区',
  pilotZoneNameEn: 'China (Wuhu) Cross-border E-commerce Comprehensive Pilot Zone',
  divisionCode: '340200',
  // The plan mentions development zones only in general (县（市、区）、开发区), so none are listed here.
  districts: [
    { code: 'jinghu', nameZh: '镜湖区', nameEn: 'Jinghu District', kind: 'district' },
    { code: 'yijiang', nameZh: '弋江区', nameEn: 'Yijiang District', kind: 'district' },
    { code: 'jiujiang', nameZh: '鸠江区', nameEn: 'Jiujiang District', kind: 'district' },
    { code: 'wanzhi', nameZh: '湾沚区', nameEn: 'Wanzhi District', kind: 'district' },
    { code: 'fanchang', nameZh: '繁昌区', nameEn: 'Fanchang District', kind: 'district' },
    { code: 'nanling', nameZh: '南陵县', nameEn: 'Nanling County', kind: 'county' },
    { code: 'wuwei', nameZh: '无为市', nameEn: 'Wuwei City', kind: 'county_city' },
  ],
  // 一区五园: the whole zone is the 一区; these are the five parks.
  parks: [
    {
      code: 'wuhu_comprehensive_bonded_zone',
      nameZh: '芜湖综合保税区',
      nameEn: 'Wuhu Comprehensive Bonded Zone',
      focusZh: '利用海关特殊监管区域政策发展保税加工、特殊区域出口和网购保税进口等相关业务',
    },
    {
      code: 'jiujiang_park',
      nameZh: '鸠江区跨境电子商务产业园区',
      nameEn: 'Jiujiang District Cross-border E-commerce Industrial Park',
      districtCode: 'jiujiang',
      focusZh: '以龙头企业为引领，推动跨境电子商务规模化发展，聚焦重点特色产品，培育壮大跨境电子商务品牌',
    },
    {
      code: 'yijiang_park',
      nameZh: '弋江区跨境电子商务产业园区',
      nameEn: 'Yijiang District Cross-border E-commerce Industrial Park',
      districtCode: 'yijiang',
      focusZh: '完善产业链服务，服务传统企业线上转型，培育各类跨境电子商务中小企业，积极开展创新创业',
    },
    {
      code: 'jinghu_park',
      nameZh: '镜湖区跨境电子商务产业园区',
      nameEn: 'Jinghu District Cross-border E-commerce Industrial Park',
      districtCode: 'jinghu',
      focusZh: '依托“互联网＋”优势，重点培育互联网企业转型跨境电子商务业态，建立一站式标准化和集约化服务',
    },
    {
      code: 'wuhu_airport_park',
      nameZh: '芜湖空港跨境电子商务产业园区',
      nameEn: 'Wuhu Airport Cross-border E-commerce Industrial Park',
      focusZh:
        '充分发挥航空物流优势，建设皖南航空快递转运中心，重点发展附加值高、对物流配送时效要求高的特色产品跨境业务',
    },
  ],
  targets: [
    {
      code: 'enterprises',
      nameZh: '集聚跨境电子商务企业',
      nameEn: 'Cross-border e-commerce enterprises in the city',
      unit: 'enterprises',
      value: 300,
      comparison: 'at_least',
      dueDate: endOf2025,
    },
    {
      code: 'parks',
      nameZh: '市级以上跨境电子商务产业园区',
      nameEn: 'Cross-border e-commerce industrial parks certified at municipal level or above',
      unit: 'parks',
      value: 3,
      comparison: 'at_least',
      dueDate: endOf2025,
    },
    {
      code: 'leading_enterprises',
      nameZh: '年交易额过亿美元龙头企业',
      nameEn: 'Leading enterprises with annual transactions over USD 100 million',
      unit: 'enterprises',
      value: 5,
      comparison: 'at_least',
      dueDate: endOf2025,
    },
    {
      code: 'transaction_value',
      nameZh: '跨境电子商务交易额',
      nameEn: 'Cross-border e-commerce transaction value',
      unit: 'CNY',
      value: 14_000_000_000,
      comparison: 'more_than',
      dueDate: endOf2025,
    },
  ],
};

const anqing: Zone = {
  code: 'anqing',
  nameZh: '安庆',
  nameEn: 'Anqing',
  pilotZoneNameZh: '中国（安庆）跨境电子商务综合试验区',
  pilotZoneNameEn: 'China (Anqing) Cross-border E-commerce Comprehensive Pilot Zone',
  divisionCode: '340800',
  // The plan's "1＋3＋7" layout: the development zone is the core (1), then 3 districts and 7 counties/cities.
  districts: [
    {
      code: 'anqing_etdz',
      nameZh: '安庆经开区',
      nameEn: 'Anqing Economic and Technological Development Zone',
      kind: 'development_zone',
    },
    { code: 'yingjiang', nameZh: '迎江区', nameEn: 'Yingjiang District', kind: 'district' },
    { code: 'daguan', nameZh: '大观区', nameEn: 'Daguan District', kind: 'district' },
    { code: 'yixiu', nameZh: '宜秀区', nameEn: 'Yixiu District', kind: 'district' },
    { code: 'tongcheng', nameZh: '桐城市', nameEn: 'Tongcheng City', kind: 'county_city' },
    { code: 'qianshan', nameZh: '潜山市', nameEn: 'Qianshan City', kind: 'county_city' },
    { code: 'huaining', nameZh: '怀宁县', nameEn: 'Huaining County', kind: 'county' },
    { code: 'taihu', nameZh: '太湖县', nameEn: 'Taihu County', kind: 'county' },
    { code: 'susong', nameZh: '宿松县', nameEn: 'Susong County', kind: 'county' },
    { code: 'wangjiang', nameZh: '望江县', nameEn: 'Wangjiang County', kind: 'county' },
    { code: 'yuexi', nameZh: '岳西县', nameEn: 'Yuexi County', kind: 'county' },
  ],
  // The plan names the core-zone facilities and what each area develops; where it gives no proper name,
  // the name below describes the area's park in the plan's terms.
  parks: [
    {
      code: 'anqing_comprehensive_bonded_zone',
      nameZh: '安庆综合保税区',
      nameEn: 'Anqing Comprehensive Bonded Zone',
      districtCode: 'anqing_etdz',
      focusZh:
        '核心区：依托安庆综合保税区和安庆（皖西南）保税物流中心（B型），将安庆经开区打造为安庆综试区的核心区',
    },
    {
      code: 'anqing_bonded_logistics_center',
      nameZh: '安庆（皖西南）保税物流中心（B型）',
      nameEn: 'Anqing (Southwest Anhui) Bonded Logistics Center (Type B)',
      districtCode: 'anqing_etdz',
      focusZh: '核心区：引进跨境电子商务零售进口平台企业入驻，开展跨境电子商务零售进口业务',
    },
    {
      code: 'daguan_express_park',
      nameZh: '大观区快递产业园',
      nameEn: 'Daguan District Express Delivery Industrial Park',
      districtCode: 'daguan',
      focusZh: '依托快递产业园发展小包裹进出口，形成内外贸互动，推动物流园区产业发展',
    },
    {
      code: 'yingjiang_comprehensive_park',
      nameZh: '迎江区跨境电子商务综合园区',
      nameEn: 'Yingjiang District Cross-border E-commerce Comprehensive Park',
      districtCode: 'yingjiang',
      focusZh: '作为综合园区推进进出口联动',
    },
    {
      code: 'yixiu_incubation_park',
      nameZh: '宜秀区跨境电子商务孵化园区',
      nameEn: 'Yixiu District Cross-border E-commerce Incubation Park',
      districtCode: 'yixiu',
      focusZh: '依托跨境电子商务服务平台，孵化跨境电子商务企业',
    },
    {
      code: 'tongcheng_enclave_park',
      nameZh: '桐城市“飞地”跨境电子商务产业园区',
      nameEn: 'Tongcheng City "Enclave" Cross-border E-commerce Industrial Park',
      districtCode: 'tongcheng',
      focusZh: '依托合肥省会城市的跨境电子商务人才优势，利用“飞地”产业园区推进跨境电子商务人才集聚',
    },
    {
      code: 'qianshan_export_park',
      nameZh: '潜山市特色产品出口园区',
      nameEn: 'Qianshan City Featured Products Export Park',
      districtCode: 'qianshan',
      focusZh: '发展体育用品、刷业产品等特色产品出口',
    },
    {
      code: 'yuantan_town',
      nameZh: '源潭跨境电子商务特色小镇',
      nameEn: 'Yuantan Cross-border E-commerce Featured Town',
      districtCode: 'qianshan',
      focusZh: '潜山市源潭等跨境电子商务特色小镇',
    },
    {
      code: 'huaining_park',
      nameZh: '怀宁县纸塑制品跨境电子商务产业园',
      nameEn: 'Huaining County Paper and Plastic Products Cross-border E-commerce Industrial Park',
      districtCode: 'huaining',
      focusZh: '发展纸塑制品跨境电子商务',
    },
    {
      code: 'yuexi_park',
      nameZh: '岳西县跨境电子商务产业园',
      nameEn: 'Yuexi County Cross-border E-commerce Industrial Park',
      districtCode: 'yuexi',
      focusZh: '发展工艺品、中药材、茶叶跨境电子商务',
    },
    {
      code: 'susong_park',
      nameZh: '宿松县跨境电子商务产业园',
      nameEn: 'Susong County Cross-border E-commerce Industrial Park',
      districtCode: 'susong',
      focusZh: '发展电子、服装、箱包跨境电子商务',
    },
    {
      code: 'taihu_park',
      nameZh: '太湖县跨境电子商务产业园',
      nameEn: 'Taihu County Cross-border E-commerce Industrial Park',
      districtCode: 'taihu',
      focusZh: '发展新材料、塑料制品跨境电子商务',
    },
    {
      code: 'wangjiang_park',
      nameZh: '望江县跨境电子商务产业园',
      nameEn: 'Wangjiang County Cross-border E-commerce Industrial Park',
      districtCode: 'wangjiang',
      focusZh: '发展童装等特色产品跨境电子商务',
    },
  ],
  // The plan's qualitative aims (一区多园格局基本形成, B2B方式占比逐年提高) have no figure to track.
  targets: [
    {
      code: 'enterprises',
      nameZh: '培育跨境电子商务企业',
      nameEn: 'Cross-border e-commerce enterprises in the city',
      unit: 'enterprises',
      value: 500,
      comparison: 'at_least',
      dueDate: endOf2025,
    },
    {
      code: 'transaction_value',
      nameZh: '跨境电子商务交易额',
      nameEn: 'Cross-border e-commerce transaction value',
      unit: 'CNY',
      value: 14_000_000_000,
      comparison: 'at_least',
      dueDate: endOf2025,
    },
    {
      code: 'retail_import_value',
      nameZh: '跨境电子商务零售进口年交易额',
      nameEn: 'Annual cross-border e-commerce retail import transaction value',
      unit: 'CNY',
      value: 1_000_000_000,
      comparison: 'at_least',
      dueDate: endOf2025,
    },
  ],
};

export const zones: readonly Zone[] = [wuhu, anqing];

export const findZone = (code: string): Zone | undefined => zones.find((zone) => zone.code === code);

export const findDistrict = (zoneCode: string, districtCode: string): District | undefined =>
  findZone(zoneCode)?.districts.find((district) => district.code === districtCode);

export const isDistrictOf = (zoneCode: string, districtCode: string): boolean =>
  findDistrict(zoneCode, districtCode) !== undefined;

export const findPark = (zoneCode: string, parkCode: string): Park | undefined =>
  findZone(zoneCode)?.parks.find((park) => park.code === parkCode);

/** For codes already validated by {@link zoneCodeSchema}; both zones are always configured. */
export const getZone = (code: ZoneCode): Zone => {
  const zone = findZone(code);
  if (zone === undefined) throw new Error(`zone not configured: ${code}`);
  return zone;
};
