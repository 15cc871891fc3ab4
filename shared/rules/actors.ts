/**
 * Who made a logged action, as the history and the comparison show it. The one place that reads
 * an action's source and detail for that: an import names its file, a department's return (a
 * 'merge') its department and the returned file. When the log records the author of an action
 * (the OS user, the window), it is read here too, and every view shows it.
 */

export interface ActorFacts {
  source: string;
  detail: string;
  /** The person who did it (the OS user), '' when the log did not record it. */
  author?: string;
}

export interface Actor {
  /** e.g. "用户编辑", "导入 项目表.xlsx", "市住建局 的填报（返回.xlsx）". */
  zh: string;
  en: string;
  /** The file the change came from (an import, a returned workbook), or null. */
  file: string | null;
  /** The department whose return it was, or null. */
  department: string | null;
}

const PLAIN: Readonly<Record<string, [string, string]>> = {
  user: ['用户编辑', 'edited by the user'],
  paste: ['粘贴', 'pasted'],
  fill: ['填充', 'filled'],
  system: ['系统（建立规划）', 'system (plan set up)'],
  undo: ['撤销', 'undo'],
  redo: ['重做', 'redo'],
};

export function describeActor(action: ActorFacts): Actor {
  const described = describeSource(action);
  if (!action.author) return described;
  return { ...described, zh: `${action.author}：${described.zh}`, en: `${action.author}: ${described.en}` };
}

function describeSource(action: ActorFacts): Actor {
  if (action.source === 'import') {
    const file = action.detail || null;
    return { zh: `导入 ${file ?? ''}`.trim(), en: `imported from ${file ?? 'a file'}`, file, department: null };
  }
  if (action.source === 'merge') {
    // Collect writes "部门 · 文件名" (electron/core/exchange/apply.ts).
    const [department, ...rest] = action.detail.split(' · ');
    const file = rest.join(' · ') || null;
    const name = department || null;
    return {
      zh: `${name ?? '部门'}的填报${file ? `（${file}）` : ''}`,
      en: `returned by ${name ?? 'a department'}${file ? ` (${file})` : ''}`,
      file,
      department: name,
    };
  }
  const [zh, en] = PLAIN[action.source] ?? [action.source, action.source];
  return { zh, en, file: null, department: null };
}
