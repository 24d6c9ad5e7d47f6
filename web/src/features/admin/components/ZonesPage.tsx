import { Card, Descriptions, Space, Table, Tabs, Tag, Typography } from 'antd';
import { type District, type Park, type ZoneTarget, zones } from '../../../../../domain/shared/zones.ts';
import { formatCny } from '../../../shared/format.ts';
import { type Text, useLanguage } from '../../../shared/i18n.tsx';
import { districtName } from '../../../shared/places.ts';
import { NotForThisRole, useZoneChoice } from './scope.tsx';

const texts = {
  title: { zh: '综试区配置', en: 'Zone configuration' },
  readOnly: {
    zh: '只读：综试区、县区、园区和目标随平台发布（domain/shared/zones.ts），修改须经代码评审',
    en: 'Read-only: zones, districts, parks and targets ship with the platform (domain/shared/zones.ts) and change through code review',
  },
  pilotZone: { zh: '综试区全称', en: 'Pilot zone' },
  division: { zh: '行政区划代码', en: 'Division code' },
  districts: { zh: '县（市、区）', en: 'Districts and counties' },
  parks: { zh: '园区布局', en: 'Parks' },
  targets: { zh: '建设目标', en: 'Targets' },
  code: { zh: '代码', en: 'Code' },
  name: { zh: '名称', en: 'Name' },
  kind: { zh: '类型', en: 'Kind' },
  district: { zh: '所在县区', en: 'District' },
  focus: { zh: '发展重点', en: 'Focus' },
  value: { zh: '目标值', en: 'Target' },
  due: { zh: '完成时限', en: 'Due' },
} satisfies Record<string, Text>;

const kindText: Record<District['kind'], Text> = {
  district: { zh: '市辖区', en: 'District' },
  county: { zh: '县', en: 'County' },
  county_city: { zh: '县级市', en: 'County-level city' },
  development_zone: { zh: '开发区', en: 'Development zone' },
};

const comparisonText: Record<ZoneTarget['comparison'], Text> = {
  at_least: { zh: '不少于', en: 'at least' },
  more_than: { zh: '超过', en: 'more than' },
};

const unitText: Record<ZoneTarget['unit'], Text> = {
  enterprises: { zh: '家', en: 'enterprises' },
  parks: { zh: '个', en: 'parks' },
  CNY: { zh: '', en: '' },
};

const ZonesPage = () => {
  const { t, language } = useLanguage();
  const { scope, allowed } = useZoneChoice();
  if (!allowed) return <NotForThisRole />;
  const shown = zones.filter((zone) => scope.zones.includes(zone.code));
  const pick = (item: { nameZh: string; nameEn: string }) => (language === 'en' ? item.nameEn : item.nameZh);
  const targetValue = (target: ZoneTarget) =>
    `${t(comparisonText[target.comparison])} ${
      target.unit === 'CNY'
        ? formatCny(target.value, language)
        : `${target.value} ${t(unitText[target.unit])}`
    }`;
  return (
    <Card title={<h1 style={{ fontSize: 18, margin: 0 }}>{t(texts.title)}</h1>}>
      <Typography.Paragraph type="secondary">{t(texts.readOnly)}</Typography.Paragraph>
      <Tabs
        items={shown.map((zone) => ({
          key: zone.code,
          label: pick(zone),
          children: (
            <Space direction="vertical" size="large" style={{ width: '100%' }}>
              <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered>
                <Descriptions.Item label={t(texts.pilotZone)}>
                  {language === 'en' ? zone.pilotZoneNameEn : zone.pilotZoneNameZh}
                </Descriptions.Item>
                <Descriptions.Item label={t(texts.division)}>{zone.divisionCode}</Descriptions.Item>
              </Descriptions>
              <Table<ZoneTarget>
                title={() => <h2 style={{ fontSize: 16, margin: 0 }}>{t(texts.targets)}</h2>}
                rowKey="code"
                size="small"
                pagination={false}
                dataSource={[...zone.targets]}
                columns={[
                  { title: t(texts.name), key: 'name', render: (_, target) => pick(target) },
                  { title: t(texts.value), key: 'value', render: (_, target) => targetValue(target) },
                  { title: t(texts.due), dataIndex: 'dueDate', width: 120 },
                ]}
              />
              <Table<District>
                title={() => <h2 style={{ fontSize: 16, margin: 0 }}>{t(texts.districts)}</h2>}
                rowKey="code"
                size="small"
                pagination={false}
                dataSource={[...zone.districts]}
                columns={[
                  { title: t(texts.code), dataIndex: 'code', width: 160 },
                  { title: t(texts.name), key: 'name', render: (_, district) => pick(district) },
                  {
                    title: t(texts.kind),
                    key: 'kind',
                    width: 140,
                    render: (_, district) => <Tag>{t(kindText[district.kind])}</Tag>,
                  },
                ]}
              />
              <Table<Park>
                title={() => <h2 style={{ fontSize: 16, margin: 0 }}>{t(texts.parks)}</h2>}
                rowKey="code"
                size="small"
                pagination={false}
                scroll={{ x: 800 }}
                dataSource={[...zone.parks]}
                columns={[
                  { title: t(texts.name), key: 'name', width: 260, render: (_, park) => pick(park) },
                  {
                    title: t(texts.district),
                    key: 'district',
                    width: 120,
                    render: (_, park) => (park.districtCode ? t(districtName(park.districtCode)) : '—'),
                  },
                  { title: t(texts.focus), dataIndex: 'focusZh' },
                ]}
              />
            </Space>
          ),
        }))}
      />
    </Card>
  );
};
export default ZonesPage;
