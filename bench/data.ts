/**
 * Synthetic but realistic data for a 重点工程 (projects) sheet: Chinese names and content, amounts
 * in 万元 such as "1234.56" with some "/" unknowns, and lists of responsible units.
 */
import type { ColumnInit, DepartmentInit } from '../electron/core/store/planStore';
import { decimalToFen } from '../shared/values/money';
import { rng } from './stats';

export const DEPARTMENTS: DepartmentInit[] = [
  { name: '市发展和改革委员会', shortName: '市发展改革委', kind: '市直部门', aliases: ['市发改委'] },
  { name: '市住房和城乡建设局', shortName: '市住建局', kind: '市直部门', aliases: ['市住建委'] },
  { name: '市交通运输局', shortName: '市交通局', kind: '市直部门' },
  { name: '市生态环境局', shortName: '市生态环境局', kind: '市直部门', aliases: ['市环保局'] },
  { name: '市水务局', shortName: '市水务局', kind: '市直部门' },
  { name: '市自然资源和规划局', shortName: '市自然资源局', kind: '市直部门' },
  { name: '市工业和信息化局', shortName: '市工信局', kind: '市直部门' },
  { name: '市教育局', shortName: '市教育局', kind: '市直部门' },
  { name: '市卫生健康委员会', shortName: '市卫健委', kind: '市直部门' },
  { name: '市文化广电旅游局', shortName: '市文旅局', kind: '市直部门' },
  { name: '市农业农村局', shortName: '市农业农村局', kind: '市直部门' },
  { name: '市城市管理局', shortName: '市城管局', kind: '市直部门' },
  { name: '高新区管委会', shortName: '高新区', kind: '区县' },
  { name: '经开区管委会', shortName: '经开区', kind: '区县' },
  { name: '东城区人民政府', shortName: '东城区', kind: '区县' },
  { name: '西城区人民政府', shortName: '西城区', kind: '区县' },
];

/** The projects columns the brief asks for; `investment` is money in 万元. */
export const PROJECT_COLUMNS: ColumnInit[] = [
  { key: 'seq', name: '序号', type: 'number', role: 'seq' },
  { key: 'category', name: '类别', type: 'text', role: 'category' },
  { key: 'subcategory', name: '子类', type: 'text' },
  { key: 'name', name: '项目名称', type: 'text', role: 'name' },
  { key: 'content', name: '建设内容及规模', type: 'longText' },
  { key: 'period', name: '建设年限', type: 'yearRange' },
  { key: 'investment', name: '总投资', type: 'money', role: 'investment', settings: { moneyUnit: '万元' } },
  { key: 'responsible', name: '责任单位', type: 'departmentList', role: 'responsibleUnits' },
];

const CATEGORIES: ReadonlyArray<[string, readonly string[]]> = [
  ['基础设施', ['综合交通', '市政管网', '能源保障', '水利设施']],
  ['产业发展', ['先进制造', '现代服务业', '园区建设', '现代农业']],
  ['生态环保', ['污染防治', '生态修复', '节能降碳']],
  ['社会民生', ['教育', '医疗卫生', '养老托育', '保障性住房']],
  ['城市更新', ['老旧小区改造', '城中村改造', '历史街区保护']],
  ['科技创新', ['创新平台', '新型基础设施']],
  ['文化旅游', ['文化设施', '旅游景区', '体育设施']],
  ['数字经济', ['数据中心', '智慧城市']],
];

const PLACES = [
  '城东片区',
  '城西新区',
  '滨江',
  '高新区',
  '经开区',
  '北部新城',
  '南湖',
  '东城区',
  '西城区',
  '老城区',
  '临港',
  '青山镇',
  '白沙镇',
  '凤凰山',
];
const SUBJECTS = [
  '污水管网',
  '雨污分流',
  '道路提升',
  '快速路',
  '综合管廊',
  '变电站',
  '光伏电站',
  '供水厂',
  '堤防加固',
  '智能制造产业园',
  '物流中心',
  '标准厂房',
  '农产品冷链',
  '湿地公园',
  '矿山生态修复',
  '垃圾焚烧发电',
  '九年一贯制学校',
  '人民医院新院区',
  '养老服务中心',
  '保障性租赁住房',
  '老旧小区',
  '城中村',
  '历史文化街区',
  '科创中心',
  '5G基站',
  '文化艺术中心',
  '全民健身中心',
  '景区提升',
  '数据中心',
  '城市运行管理平台',
];
const SUFFIXES = ['建设工程', '改造工程', '提升工程', '项目', '一期工程', '二期工程', '扩建项目', '综合整治工程'];
const CONTENT_PHRASES = [
  '新建道路约{n}公里，同步建设排水、照明、绿化等配套设施',
  '改造供排水管网{n}公里，实施雨污分流改造',
  '总建筑面积约{n}万平方米，主要建设教学楼、实验楼、风雨操场及配套用房',
  '新增床位{n}张，配套建设医技楼、门急诊楼和地下停车场',
  '改造老旧小区{n}个，涉及居民约{m}户，实施外墙保温、管网更新和加装电梯',
  '建设标准厂房{n}万平方米及研发中心、人才公寓等配套设施',
  '治理水土流失面积{n}平方公里，修复河道岸线{m}公里',
  '建设装机容量{n}兆瓦的分布式光伏电站及储能设施',
  '建设机柜{n}个，配套建设供电、制冷和网络设施',
  '实施景区道路、游客中心、停车场及智慧旅游系统建设',
  '建设城市运行管理平台，接入{n}类城市运行数据',
  '新建幼儿园{n}所、社区养老服务站{m}个',
];
const PERIODS = ['2026—2030', '2026—2027', '2026—2028', '2027—2029', '2028—2030', '2026', '2027', '2025—2026'];

/** One generated row: cell texts by column key, plus the investment in 分 (null when unknown). */
export interface GeneratedRow {
  cells: Record<string, string>;
  investmentFen: bigint | null;
}

export interface GeneratedSheet {
  rows: GeneratedRow[];
  /** Exact total of the known investments, in 分. */
  totalFen: bigint;
  knownInvestments: number;
  /** Number of non-empty cells (what a bare schema stores). */
  cellCount: number;
}

function pick<T>(random: () => number, items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

function int(random: () => number, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

/** An amount in 万元 as officials write it: mostly "1234.56", some whole numbers, ~6% "/". */
export function amountText(random: () => number): string {
  const roll = random();
  if (roll < 0.06) return '/';
  const whole = int(random, 50, 250_000);
  if (roll < 0.2) return String(whole);
  return `${whole}.${String(int(random, 0, 99)).padStart(2, '0')}`;
}

export function generateProjects(count: number, seed = 20260101): GeneratedSheet {
  const random = rng(seed);
  const rows: GeneratedRow[] = [];
  let totalFen = 0n;
  let knownInvestments = 0;
  let cellCount = 0;
  for (let i = 0; i < count; i++) {
    const [category, subcategories] = pick(random, CATEGORIES);
    const units: string[] = [];
    const unitCount = int(random, 1, 3);
    while (units.length < unitCount) {
      const department = pick(random, DEPARTMENTS);
      // Mix canonical names, short names and aliases, as a real sheet does.
      const form = random();
      const name =
        form < 0.5
          ? (department.shortName ?? department.name)
          : form < 0.9
            ? department.name
            : (department.aliases?.[0] ?? department.name);
      if (!units.includes(name)) units.push(name);
    }
    const phrase = (): string =>
      pick(random, CONTENT_PHRASES)
        .replace('{n}', String(int(random, 2, 800)))
        .replace('{m}', String(int(random, 100, 9000)));
    const content = `${phrase()}；${phrase()}。${random() < 0.3 ? `\n${phrase()}。` : ''}`;
    const investment = amountText(random);
    const cells: Record<string, string> = {
      seq: String(i + 1),
      category,
      subcategory: pick(random, subcategories),
      name: `${pick(random, PLACES)}${pick(random, SUBJECTS)}${pick(random, SUFFIXES)}（${i + 1}）`,
      content,
      period: pick(random, PERIODS),
      investment,
      responsible: units.join('、'),
    };
    const fen = investment === '/' ? null : decimalToFen(investment, '万元');
    if (fen !== null) {
      totalFen += fen;
      knownInvestments++;
    }
    cellCount += Object.values(cells).filter((text) => text !== '').length;
    rows.push({ cells, investmentFen: fen });
  }
  return { rows, totalFen, knownInvestments, cellCount };
}
