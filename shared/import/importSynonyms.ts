import type { ColumnRole } from '../model/columns';
import { normaliseHeader } from './importText';

/**
 * The headers departments write for each column role. The first name of each list is how the
 * workbench names such a column; the rest are what real tables call it (责任单位/责任主体/牵头单位,
 * 投资匡算/总投资/投资额 …). `weak` names fit the role but also another one, so they score lower.
 */
export interface RoleSynonyms {
  strong: readonly string[];
  weak?: readonly string[];
}

export const ROLE_SYNONYMS: Readonly<Partial<Record<ColumnRole, RoleSynonyms>>> = {
  seq: { strong: ['序号', '编号', '序', '项目序号', '排序', 'no', 'no.', '顺序号'] },
  category: {
    strong: ['大类', '类别', '项目类别', '分类', '领域', '板块', '工程类别', '项目大类'],
    weak: ['类型', '所属领域'],
  },
  subcategory: { strong: ['小类', '子类', '项目小类', '工程小类', '细类'], weak: ['任务', '重点任务', '子项'] },
  name: {
    strong: [
      '项目名称',
      '名称',
      '工程名称',
      '指标名称',
      '工作事项',
      '事项',
      '任务名称',
      '工作任务',
      '重点任务',
      '重点工作',
      '工程项目名称',
      '指标',
    ],
    weak: ['项目', '任务'],
  },
  content: {
    strong: [
      '建设内容、规模',
      '建设内容及规模',
      '建设内容和规模',
      '建设内容',
      '主要建设内容',
      '具体内容',
      '工作内容',
      '主要内容',
      '任务内容',
      '工作目标及措施',
      '主要任务',
    ],
    weak: ['内容', '目标任务'],
  },
  period: {
    strong: [
      '建设起止年限',
      '起止年限',
      '建设年限',
      '建设期限',
      '实施年限',
      '建设周期',
      '起止年份',
      '实施期限',
      '建设起止年份',
    ],
    weak: ['年限', '期限'],
  },
  investment: {
    strong: [
      '投资匡算',
      '总投资',
      '投资额',
      '投资估算',
      '计划总投资',
      '估算总投资',
      '总投资额',
      '投资金额',
      '投资总额',
      '匡算投资',
      '估算投资',
    ],
    weak: ['投资', '金额', '资金'],
  },
  responsibleUnits: {
    strong: ['责任主体', '责任单位', '责任部门', '实施主体', '实施单位', '承办单位', '责任主体单位', '建设主体'],
    weak: ['牵头单位', '牵头部门', '建设单位', '主管部门'],
  },
  leadUnit: {
    strong: ['牵头单位', '牵头部门', '主办单位', '牵头责任单位'],
    weak: ['责任单位', '责任主体', '责任部门'],
  },
  cooperatingUnits: { strong: ['配合单位', '协办单位', '参与单位', '配合部门', '协同单位', '协助单位', '协办部门'] },
  deadline: {
    strong: ['完成时限', '完成时间', '时间节点', '时限', '完成期限', '时间要求', '截止时间', '完成时限要求'],
    weak: ['时间'],
  },
  startDate: { strong: ['开始时间', '起始时间', '启动时间', '开工时间', '开始日期', '实施开始时间'] },
  completionRate: { strong: ['完成率', '完成比例', '完成进度', '执行率', '完成百分比', '形象进度'] },
  doneInvestment: { strong: ['完成投资', '累计完成投资', '已完成投资', '实际完成投资', '完成投资额'] },
  progressNote: {
    strong: ['进展情况', '工作进展', '推进情况', '进展', '工作推进情况', '工作进展情况', '目前进展'],
    weak: ['完成情况'],
  },
  unit: { strong: ['单位', '计量单位', '指标单位'] },
  standard: { strong: ['指标值', '标准值', '考核标准', '指标要求', '建设标准'] },
  attribute: { strong: ['指标属性', '属性', '指标类型', '指标性质'] },
  baseline: { strong: ['现状值', '基准值', '基期值', '现状', '基础值'] },
  target: { strong: ['目标值', '目标', '规划目标', '预期目标'] },
  compliance: { strong: ['达标情况', '是否达标', '达标状态'], weak: ['完成情况'] },
  district: { strong: ['地区', '区域', '辖市区', '地区/板块', '行政区', '县市区', '辖市(区)'] },
  note: { strong: ['备注', '说明', '附注'] },
};

export interface RoleMatch {
  role: ColumnRole;
  score: number;
  how: 'synonym' | 'weak';
}

/** Every role a header names, best first (exact synonym 0.9, weak synonym 0.6). */
export function rolesOfHeader(header: string): RoleMatch[] {
  const plain = normaliseHeader(header);
  const matches: RoleMatch[] = [];
  for (const [role, synonyms] of Object.entries(ROLE_SYNONYMS) as [ColumnRole, RoleSynonyms][]) {
    if (synonyms.strong.some((name) => plainName(name) === plain)) matches.push({ role, score: 0.9, how: 'synonym' });
    else if (synonyms.weak?.some((name) => plainName(name) === plain)) matches.push({ role, score: 0.6, how: 'weak' });
  }
  return matches.sort((a, b) => b.score - a.score);
}

const plainCache = new Map<string, string>();
function plainName(name: string): string {
  let plain = plainCache.get(name);
  if (plain === undefined) {
    plain = normaliseHeader(name);
    plainCache.set(name, plain);
  }
  return plain;
}

/** A 4-digit year a header names ("2025年", "目标值·2025年", "2030年目标"), or null. */
export function headerYear(header: string): number | null {
  const match = /(?:^|\D)((?:19|20|21)\d{2})(?:年|$|\D)/.exec(header);
  return match ? Number(match[1]) : null;
}
