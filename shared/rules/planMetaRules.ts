/**
 * What a plan's metadata may hold, checked the same way by the dialog (before sending) and by the
 * store (before writing): a value that breaks a rule is refused with a message in Chinese and
 * English naming the field, and nothing is written. Values are kept as typed (trimmed), never
 * rewritten: a 文号 written with [ ] instead of 〔 〕 is accepted as it is.
 */

export interface PlanMetaFields {
  title: string;
  issuer: string;
  docNumber: string;
  periodStart: number | null;
  periodEnd: number | null;
  baseYear: number | null;
}

export interface MetaProblem {
  field: keyof PlanMetaFields;
  zh: string;
  en: string;
}

export const META_FIELD_NAMES: Record<keyof PlanMetaFields, { zh: string; en: string }> = {
  title: { zh: '规划名称', en: 'title' },
  issuer: { zh: '发文机关', en: 'issuing body' },
  docNumber: { zh: '文号', en: 'document number' },
  periodStart: { zh: '规划期起始年', en: 'first year of the period' },
  periodEnd: { zh: '规划期结束年', en: 'last year of the period' },
  baseYear: { zh: '基准年', en: 'base year' },
};

const TITLE_MAX = 120;
const ISSUER_MAX = 60;
const DOC_NUMBER_MAX = 40;
const FIRST_YEAR = 1949;
const LAST_YEAR = 2100;
/** 机关代字〔年份〕序号号, with 〔〕, [], （） or 【】 around the year: 常政发〔2021〕12号, 苏政办发[2023]5号. */
const DOC_NUMBER = /^\S.*[〔[（(【]\s*(\d{4})\s*[〕\]）)】]\s*第?\d+\s*号$/u;

/** Every rule the fields break (empty when they may be saved). */
export function metaProblems(meta: PlanMetaFields): MetaProblem[] {
  const problems: MetaProblem[] = [];
  const refuse = (field: keyof PlanMetaFields, zh: string, en: string) => {
    const name = META_FIELD_NAMES[field];
    problems.push({ field, zh: `${name.zh}：${zh}`, en: `${name.en}: ${en}` });
  };
  if (meta.title.trim() === '') refuse('title', '不能为空', 'must not be empty');
  if (meta.title.length > TITLE_MAX) refuse('title', `不能超过 ${TITLE_MAX} 字`, `at most ${TITLE_MAX} characters`);
  if (/[\r\n]/.test(meta.title)) refuse('title', '不能含换行', 'must be one line');
  if (meta.issuer.length > ISSUER_MAX)
    refuse('issuer', `不能超过 ${ISSUER_MAX} 字`, `at most ${ISSUER_MAX} characters`);
  const docNumber = meta.docNumber.trim();
  if (docNumber.length > DOC_NUMBER_MAX) {
    refuse('docNumber', `不能超过 ${DOC_NUMBER_MAX} 字`, `at most ${DOC_NUMBER_MAX} characters`);
  } else if (docNumber !== '' && !DOC_NUMBER.test(docNumber)) {
    refuse(
      'docNumber',
      `“${docNumber}”不是文号的写法，应为 机关代字〔年份〕序号号，如 常政发〔2021〕12号`,
      `"${docNumber}" is not a document number; write it as agency code〔year〕number号, e.g. 常政发〔2021〕12号`,
    );
  }
  for (const field of ['periodStart', 'periodEnd', 'baseYear'] as const) {
    const year = meta[field];
    if (year !== null && (!Number.isInteger(year) || year < FIRST_YEAR || year > LAST_YEAR)) {
      refuse(
        field,
        `“${year}”不是 ${FIRST_YEAR}—${LAST_YEAR} 之间的年份`,
        `"${year}" is not a year from ${FIRST_YEAR} to ${LAST_YEAR}`,
      );
    }
  }
  const { periodStart: start, periodEnd: end } = meta;
  if ((start === null) !== (end === null)) {
    refuse(
      start === null ? 'periodStart' : 'periodEnd',
      '规划期须同时填写起止年',
      'give both years of the period or none',
    );
  } else if (start !== null && end !== null && start > end) {
    refuse('periodEnd', `结束年 ${end} 早于起始年 ${start}`, `the last year ${end} is before the first year ${start}`);
  }
  if (meta.baseYear !== null && end !== null && meta.baseYear > end) {
    refuse(
      'baseYear',
      `基准年 ${meta.baseYear} 晚于规划期结束年 ${end}`,
      `${meta.baseYear} is after the period ends (${end})`,
    );
  }
  return problems;
}
