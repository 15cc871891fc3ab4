import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { unitDirectory } from '../../../shared/import/importDepartments';
import type { DocumentBlock } from '../../../shared/import/taskBreakdown/blocks';
import { readBreakdown } from '../../../shared/import/taskBreakdown/breakdown';
import { readResponsibility } from '../../../shared/import/taskBreakdown/responsibility';
import { quantifiedTargets } from '../../../shared/import/taskBreakdown/targets';
import { timePhrases } from '../../../shared/import/taskBreakdown/timePhrases';

/**
 * The structure rules on small documents of the kinds offices receive, beyond the 2023 work plan
 * (tests/core/documents): 责任单位 notes, "X牵头,Y等部门按职责分工负责", a note covering a
 * paragraph's items, sub-items, aims and safeguards that are no tasks, attachment tables joined
 * by number and title, and units the plan does not know.
 */

const directory = unitDirectory([
  { name: '市发展和改革委员会', aliases: ['市发改委', '发改委'] },
  { name: '市工业和信息化局', aliases: ['市工信局', '工信局'] },
  { name: '市生态环境局', aliases: ['生态环境局'] },
  { name: '市住房和城乡建设局', aliases: ['市住建局', '住建局'] },
  { name: '市教育局', aliases: [] },
  { name: '市残疾人联合会', aliases: ['市残联'] },
  { name: '各辖市区人民政府', aliases: ['各辖市(区)人民政府'] },
  { name: '常州经开区管委会', aliases: ['常州经开区'] },
  { name: '市财政局', aliases: [] },
]);

function doc(...items: (string | string[][])[]): DocumentBlock[] {
  return items.map((item, index) =>
    typeof item === 'string'
      ? { kind: 'paragraph', text: item, place: { page: null, paragraph: index + 1 } }
      : { kind: 'table', rows: item, place: { page: null, paragraph: index + 1 } },
  );
}

const names = (units: readonly { name: string }[]) => units.map((unit) => unit.name);

describe('responsibility notes', () => {
  test('责任单位：… — the first listed leads', () => {
    const note = readResponsibility('责任单位：市发改委、市工信局、市住建局', directory);
    assert.deepEqual(names(note.lead), ['市发展和改革委员会']);
    assert.deepEqual(names(note.coop), ['市工业和信息化局', '市住房和城乡建设局']);
    assert.equal(note.how, 'listed');
  });

  test('牵头单位：…；配合单位：…', () => {
    const note = readResponsibility('牵头单位：市教育局；配合单位：市残联、各辖市(区)人民政府', directory);
    assert.deepEqual(names(note.lead), ['市教育局']);
    assert.deepEqual(names(note.coop), ['市残疾人联合会', '各辖市区人民政府']);
  });

  test('X牵头,Y、Z等部门按职责分工负责: X leads, the others do their part', () => {
    const note = readResponsibility('市生态环境局牵头,市发改委、工信局等部门按职责分工负责', directory);
    assert.deepEqual(names(note.lead), ['市生态环境局']);
    assert.deepEqual(names(note.coop), ['市发展和改革委员会', '市工业和信息化局']);
  });

  test('按职责分工负责 alone: every unit named answers for the task (all lead)', () => {
    const note = readResponsibility('市委宣传部,市发改委、工信局按职责分工负责', directory);
    assert.deepEqual(names(note.lead), ['市委宣传部', '市发展和改革委员会', '市工业和信息化局']);
    assert.equal(note.how, 'joint');
  });

  test('a name without the 市 of the list it is in takes it (工信局 after 市发改委)', () => {
    const note = readResponsibility('市发改委牵头,市住建局、工信局等配合', directory);
    assert.deepEqual(names(note.coop), ['市住房和城乡建设局', '市工业和信息化局']);
    assert.ok(note.coop.every((unit) => unit.known));
  });

  test('牵头单位：X，配合单位：Y — labels separated by a comma', () => {
    const note = readResponsibility('牵头单位：市教育局，配合单位：市残联、市住建局', directory);
    assert.deepEqual(names(note.lead), ['市教育局']);
    assert.deepEqual(names(note.coop), ['市残疾人联合会', '市住房和城乡建设局']);
  });

  test('a unit the plan does not know is kept as written and marked', () => {
    const note = readResponsibility('市数据局牵头,市发改委配合', directory);
    assert.deepEqual(note.lead, [{ name: '市数据局', known: false, written: '市数据局' }]);
  });
});

describe('time phrases and figures', () => {
  test('every time phrase, dated at the end of its period; baselines are no deadlines', () => {
    const found = timePhrases('到2025年底，长期坚持并持续推进。2023年6月底前完成，较2020年下降3%，6月底前启动', 2023);
    assert.deepEqual(
      found.map((phrase) => [phrase.text, phrase.date, phrase.precision, phrase.ongoing]),
      [
        ['到2025年底', '2025-12-31', 'year', false],
        ['长期坚持', null, null, true],
        ['持续推进', null, null, true],
        ['2023年6月底前', '2023-06-30', 'month', false],
        ['6月底前', '2023-06-30', 'month', false],
      ],
    );
  });

  test('figures with units, not years, dates or document numbers', () => {
    assert.deepEqual(
      quantifiedTargets('光伏装机并网容量超500兆瓦，占比达到50%。依据苏政办发〔2022〕81号，2023年6月1日起实施'),
      ['光伏装机并网容量超500兆瓦', '占比达到50%'],
    );
  });
});

describe('the body of a plan', () => {
  const plan = doc(
    '某市2024年大气污染防治工作方案',
    '一、总体要求',
    '（一）工作目标。到2024年底，PM2.5浓度不超过30微克/立方米。',
    '二、重点任务',
    '（一）产业结构调整',
    '1．淘汰落后产能。完成10家企业整治，年底前完成验收。（责任单位：市工信局、市发改委）',
    '2．推进园区绿色转型。',
    '（1）建设绿岛项目。建成3个绿岛。（市生态环境局牵头，市住建局配合）',
    '（2）开展园区评估。持续开展园区评估。',
    '3．加强扬尘管控。加强工地管理。',
    '严格道路扬尘监管，道路机械化率达到95%以上。（市住建局牵头，市生态环境局配合）',
    '三、保障措施',
    '（一）加强组织领导。各地要建立工作机制。',
  );

  test('tasks, sub-items and sections; aims and safeguards are no tasks', () => {
    const result = readBreakdown(plan, { directory });
    assert.deepEqual(
      result.rows.map((row) => [row.seq, row.item]),
      [
        ['1', '淘汰落后产能'],
        ['2', '推进园区绿色转型'],
        ['2（1）', '建设绿岛项目'],
        ['2（2）', '开展园区评估'],
        ['3', '加强扬尘管控'],
        ['3-1', '严格道路扬尘监管，道路机械化率达到95%以上'],
      ],
    );
    assert.equal(result.rows[0]!.section, '二、重点任务 / （一）产业结构调整');
    assert.equal(result.contextYear, 2024);
    assert.equal(result.rows[0]!.deadline, '2024年底前');
  });

  test('a sub-item without a note takes its task’s; a task without one relies on the paragraph after it', () => {
    const rows = readBreakdown(plan, { directory }).rows;
    const row = (seq: string) => rows.find((candidate) => candidate.seq === seq)!;
    assert.deepEqual(names(row('1').lead), ['市工业和信息化局']);
    assert.equal(row('2（2）').responsibilityFrom, 'none');
    assert.deepEqual(names(row('3').lead), ['市住房和城乡建设局']);
    assert.equal(row('3').responsibilityFrom, 'continuation');
    assert.ok(row('3').confidence < row('1').confidence);
    assert.ok(row('2（2）').confidence <= 0.6);
    assert.ok(row('2（2）').reasons.some((reason) => reason.zh === '未找到责任单位'));
  });

  test('"以下均需…负责落实，不再列出" adds its units to every later task', () => {
    const rows = readBreakdown(
      doc(
        '二、重点任务',
        '1．甲任务。内容。（市发改委牵头，市工信局配合，各辖市区人民政府负责落实。以下均需各辖市区人民政府负责落实，不再列出）',
        '2．乙任务。内容。（市教育局牵头）',
      ),
      { directory },
    ).rows;
    assert.deepEqual(names(rows[0]!.coop), ['市工业和信息化局', '各辖市区人民政府']);
    assert.deepEqual(names(rows[1]!.coop), ['各辖市区人民政府']);
  });

  test('责任单位 and 完成时限 on lines of their own under the task', () => {
    const rows = readBreakdown(
      doc(
        '二、重点任务',
        '1．完善筛查网络。建立三级筛查体系，年内覆盖全部社区。',
        '责任单位：市教育局、市残联',
        '完成时限：2025年6月底前',
        '2．加强宣传引导。开展宣传活动。',
        '牵头单位：市残联',
        '配合单位：市教育局',
        '完成时限：长期坚持',
      ),
      { directory },
    ).rows;
    assert.deepEqual(
      rows.map((row) => [row.seq, names(row.lead), names(row.coop), row.deadline, row.content]),
      [
        ['1', ['市教育局'], ['市残疾人联合会'], '2025年6月底前', '建立三级筛查体系，年内覆盖全部社区。'],
        ['2', ['市残疾人联合会'], ['市教育局'], '长期坚持', '开展宣传活动。'],
      ],
    );
  });

  test("a number inferred from Word's automatic numbering is a reason to check the row", () => {
    const blocks = doc('二、重点任务', '1．推动转型。内容。（市发改委牵头）');
    const paragraph = blocks[1]!;
    if (paragraph.kind === 'paragraph') paragraph.autoNumbered = true;
    const [row] = readBreakdown(blocks, { directory }).rows;
    assert.ok(row!.reasons.some((reason) => reason.zh.includes('自动编号')));
    assert.equal(row!.confidence, 0.9);
  });

  test('without the plan’s unit list every unit is kept as written and flagged, costing at most 0.2', () => {
    const rows = readBreakdown(plan, { directory: null }).rows;
    assert.deepEqual(names(rows[0]!.lead), ['市工信局']);
    assert.ok(rows[0]!.reasons.some((reason) => reason.zh.includes('不在本规划的单位名单中')));
    const many = readBreakdown(doc('二、重点任务', '1．甲。内容。（A局牵头，B局、C局、D局配合）'), { directory: null })
      .rows[0]!;
    assert.equal(many.reasons.filter((reason) => reason.zh.includes('不在本规划')).length, 4);
    assert.equal(many.confidence, 0.8);
  });
});

describe('plans whose items restart their numbers, and paragraphs broken by a page', () => {
  test('numbers restarting in each section are told apart; a note broken over two paragraphs is one note', () => {
    const result = readBreakdown(
      doc(
        '三、重点任务',
        '（一）产业绿色提质升级行动',
        '1. 推动产业绿色低碳转型。发展新兴产业。(市发改委牵头,市工信局等部门按职责分工负责。以下均需各辖市、区人民政府和常州经开区管委会落实,不再列出)',
        '2. 坚决遏制高耗能项目盲目发展。严把项目准入,推动重点用能单位持续提升能效水平。(市发改委牵头,市生态环境局、市住建局等部',
        '门按职责分工负责)',
        '（二）节能增效水平提升行动',
        '1. 强化能源消费强度和总量双控。坚持完善能耗双控制度。(市发改委牵头,市工信局配合)',
        '四、政策保障',
        '（一）完善财税金融政策体系。积极争取省级财政政策支持。(市财政局牵头,市发改委等部门和单位按职责分工负责)',
      ),
      { directory },
    );
    assert.deepEqual(
      result.rows.map((row) => [row.seq, row.item]),
      [
        ['（一）1', '推动产业绿色低碳转型'],
        ['（一）2', '坚决遏制高耗能项目盲目发展'],
        ['（二）1', '强化能源消费强度和总量双控'],
        ['四、（一）', '完善财税金融政策体系'],
      ],
    );
    const [, second, , policy] = result.rows;
    assert.deepEqual(names(second!.lead), ['市发展和改革委员会']);
    // "各辖市、区人民政府和常州经开区管委会" is two units; "等部门和单位" no unit.
    assert.deepEqual(names(second!.coop), [
      '市生态环境局',
      '市住房和城乡建设局',
      '各辖市区人民政府',
      '常州经开区管委会',
    ]);
    assert.deepEqual(names(policy!.coop), ['市发展和改革委员会', '各辖市区人民政府', '常州经开区管委会']);
    assert.equal(policy!.section, '四、政策保障');
  });
});

describe('tables', () => {
  test('an attachment of responsibilities is joined to the body by number and title; mismatches are listed', () => {
    const result = readBreakdown(
      doc(
        '二、主要任务',
        '1．完善筛查网络。建立三级筛查。',
        '2．提升诊疗能力。加强人员培训。',
        '3．加强宣传引导。开展宣传活动。',
        '附件：重点任务责任分工',
        [
          ['序号', '重点任务', '牵头单位', '配合单位', '完成时限'],
          ['1', '完善筛查网络', '市教育局', '市残联', '2024年底前'],
          ['5', '提升诊疗能力', '市残联', '', '长期坚持'],
          ['4', '建立专家库', '市发改委', '', ''],
        ],
      ),
      { directory },
    );
    assert.equal(result.from, 'body+attachment');
    const [one, two, three] = result.rows;
    assert.deepEqual(names(one!.lead), ['市教育局']);
    assert.deepEqual(names(one!.coop), ['市残疾人联合会']);
    assert.equal(one!.deadline, '2024年底前');
    assert.equal(one!.responsibilityFrom, 'attachment');
    assert.deepEqual(names(two!.lead), ['市残疾人联合会']);
    assert.equal(three!.responsibilityFrom, 'none');
    const listed = result.mismatches.map((mismatch) => mismatch.zh);
    assert.ok(
      listed.some((text) => text.includes('附件第2行') && text.includes('序号不同')),
      listed.join('\n'),
    );
    assert.ok(
      listed.some((text) => text.includes('附件第3行') && text.includes('找不到')),
      listed.join('\n'),
    );
    assert.ok(
      listed.some((text) => text.includes('正文第3项') && text.includes('没有对应行')),
      listed.join('\n'),
    );
  });

  test('a breakdown table over several pages: repeated headers dropped, a blank 工作事项 carried', () => {
    const header = ['序号', '工作事项', '具体内容', '牵头单位', '配合单位'];
    const result = readBreakdown(
      doc(
        '某实施方案任务分解表',
        [
          header,
          ['1', '强化保障', '建立机制。', '市残联', '市教育局'],
          header,
          ['2', '', '落实经费。', '市发改委', ''],
        ],
        [header, ['3', '优化服务', '<p>建设中心。</p>', '市教育局 市残联', '各辖市(区)人民政府']],
      ),
      { directory },
    );
    assert.equal(result.from, 'table');
    assert.deepEqual(
      result.rows.map((row) => [row.seq, row.item, row.content]),
      [
        ['1', '强化保障', '建立机制。'],
        ['2', '强化保障', '落实经费。'],
        ['3', '优化服务', '建设中心。'],
      ],
    );
    assert.deepEqual(names(result.rows[2]!.lead), ['市教育局', '市残疾人联合会']);
    assert.ok(result.rows[1]!.reasons.some((reason) => reason.zh.includes('沿用上一行')));
  });
});
