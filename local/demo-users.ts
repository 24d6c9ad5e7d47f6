import type { Role } from '../domain/shared/roles.ts';
import { composeUscc } from '../domain/shared/uscc.ts';

export interface DemoUser {
  username: string;
  name: string;
  role: Role;
  zone?: string;
  district?: string;
  orgId?: string;
  orgName?: string;
}

/** Organizations of the demo accounts; their ids are valid unified social credit codes. */
const parkOperatorWuhu = composeUscc({
  authority: '9',
  organizationType: '1',
  divisionCode: '340207',
  organizationCodeBody: 'MA2N0PAR',
});
const parkOperatorAnqing = composeUscc({
  authority: '9',
  organizationType: '1',
  divisionCode: '340800',
  organizationCodeBody: 'MA2N1PAR',
});
const parkOperatorJinghu = composeUscc({
  authority: '9',
  organizationType: '1',
  divisionCode: '340202',
  organizationCodeBody: 'MA2N2PAR',
});
const enterpriseWuhu = composeUscc({
  authority: '9',
  organizationType: '1',
  divisionCode: '340200',
  organizationCodeBody: 'MA2N3ENT',
});

/** One account per role (plus a few for other scopes), all with the password `demo`. Local only. */
export const demoUsers: readonly DemoUser[] = [
  {
    username: 'park.wuhu',
    name: '芜湖鸠江跨境电商产业园运营方',
    role: 'park',
    zone: 'wuhu',
    district: 'jiujiang',
    orgId: parkOperatorWuhu,
    orgName: '芜湖鸠江跨境电商产业园运营管理有限公司',
  },
  {
    username: 'park.jinghu',
    name: '镜湖电商园运营方',
    role: 'park',
    zone: 'wuhu',
    district: 'jinghu',
    orgId: parkOperatorJinghu,
    orgName: '芜湖镜湖电子商务产业园管理有限公司',
  },
  {
    username: 'park.anqing',
    name: '安庆经开区跨境电商园运营方',
    role: 'park',
    zone: 'anqing',
    district: 'anqing_etdz',
    orgId: parkOperatorAnqing,
    orgName: '安庆经开区跨境电子商务产业园运营有限公司',
  },
  {
    username: 'enterprise.wuhu',
    name: '芜湖示例跨境贸易有限公司',
    role: 'enterprise',
    zone: 'wuhu',
    district: 'jiujiang',
    orgId: enterpriseWuhu,
    orgName: '芜湖示例跨境贸易有限公司',
  },
  {
    username: 'trainee.wuhu',
    name: '张学员',
    role: 'trainee',
    zone: 'wuhu',
    district: 'yijiang',
    orgId: 'person-trainee-wuhu',
  },
  {
    username: 'district.jiujiang',
    name: '鸠江区商务局审核员',
    role: 'district_reviewer',
    zone: 'wuhu',
    district: 'jiujiang',
  },
  {
    username: 'district.jiujiang.b',
    name: '鸠江区商务局审核员（二）',
    role: 'district_reviewer',
    zone: 'wuhu',
    district: 'jiujiang',
  },
  {
    username: 'district.jinghu',
    name: '镜湖区商务局审核员',
    role: 'district_reviewer',
    zone: 'wuhu',
    district: 'jinghu',
  },
  {
    username: 'district.anqing',
    name: '安庆经开区审核员',
    role: 'district_reviewer',
    zone: 'anqing',
    district: 'anqing_etdz',
  },
  { username: 'municipal.wuhu', name: '芜湖市商务局审核员', role: 'municipal_reviewer', zone: 'wuhu' },
  { username: 'municipal.anqing', name: '安庆市商务局审核员', role: 'municipal_reviewer', zone: 'anqing' },
  { username: 'provincial', name: '安徽省商务厅审核员', role: 'provincial_reviewer' },
  { username: 'expert.wuhu', name: '李专家', role: 'expert', zone: 'wuhu', district: 'jinghu' },
  { username: 'expert.wuhu.2', name: '王专家', role: 'expert', zone: 'wuhu', district: 'jiujiang' },
  { username: 'expert.wuhu.3', name: '陈专家', role: 'expert', zone: 'wuhu', district: 'yijiang' },
  { username: 'expert.wuhu.4', name: '赵专家', role: 'expert', zone: 'wuhu', district: 'wanzhi' },
  { username: 'expert.wuhu.5', name: '周专家', role: 'expert', zone: 'wuhu', district: 'fanchang' },
  { username: 'expert.anqing.1', name: '吴专家', role: 'expert', zone: 'anqing', district: 'daguan' },
  { username: 'expert.anqing.2', name: '郑专家', role: 'expert', zone: 'anqing', district: 'yixiu' },
  { username: 'expert.anqing.3', name: '孙专家', role: 'expert', zone: 'anqing', district: 'tongcheng' },
  { username: 'finance.wuhu', name: '芜湖市财政局', role: 'finance', zone: 'wuhu' },
  {
    username: 'unit.wuhu',
    name: '芜湖海关',
    role: 'unit',
    zone: 'wuhu',
    orgId: 'unit-wuhu-customs',
    orgName: '芜湖海关',
  },
  {
    username: 'unit.wuhu.commerce',
    name: '芜湖市商务局',
    role: 'unit',
    zone: 'wuhu',
    orgId: 'unit-wuhu-commerce',
    orgName: '芜湖市商务局',
  },
  { username: 'office.wuhu', name: '芜湖综试区领导小组办公室', role: 'office', zone: 'wuhu' },
  { username: 'admin', name: '系统管理员', role: 'admin' },
];

export const DEMO_PASSWORD = 'demo';

export const findDemoUser = (username: string): DemoUser | undefined =>
  demoUsers.find((user) => user.username === username);

/** The expert pool the demo and the tests start from: the expert accounts above, one with a declared conflict. */
export const demoExperts = demoUsers
  .filter((user) => user.role === 'expert')
  .map((user) => ({
    userId: `demo-${user.username}`,
    name: user.name,
    zone: user.zone ?? '',
    district: user.district ?? '',
    specialties: ['跨境电商园区运营'],
    conflictOrgIds: user.username === 'expert.wuhu.4' ? [parkOperatorWuhu] : [],
    active: true,
  }));
