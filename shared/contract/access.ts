import type { ApiName } from './contract';

/**
 * Which calls change the plan ('write') and which only read it ('read'). A plan that is open
 * read-only (plan.get says readOnly) answers every 'read' call and refuses every 'write' call
 * up front with code read_only, before its handler runs — so a call that writes files as well
 * (a send-out's workbooks) writes nothing — and the UI uses the same table to disable what
 * would be refused. Every call must be listed: a new call does not compile until someone has
 * decided which it is.
 */
export const CALL_ACCESS: Record<ApiName, 'read' | 'write'> = {
  'app.info': 'read',
  'plan.get': 'read',
  'plan.summary': 'read',
  'sheet.get': 'read',
  'sheet.rows': 'read',
  'sheet.totals': 'read',
  'cell.update': 'write',
  'departments.list': 'read',
  'checks.declared': 'read',
  'history.list': 'read',

  'checks.run': 'read',
  'checks.addDeclared': 'write',
  'rollup.get': 'read',
  'rollup.toSheet': 'write',
  'departments.rows': 'read',
  'allocation.get': 'read',
  'allocation.spread': 'write',
  'dashboard.get': 'read',

  'sheets.create': 'write',
  'sheets.rename': 'write',
  'sheet.view.get': 'read',
  'sheet.view.save': 'write',
  'cells.update': 'write',
  'rows.insert': 'write',
  'rows.delete': 'write',
  'rows.duplicate': 'write',
  'rows.move': 'write',
  'rows.renumber': 'write',
  'columns.add': 'write',
  'columns.update': 'write',
  'columns.layout': 'write',
  'departments.add': 'write',
  'departments.groups': 'read',
  'departments.setMembers': 'write',
  'history.state': 'read',
  'history.undo': 'write',
  'history.redo': 'write',

  'export.sheet': 'read',
  'export.word': 'read',
  'sendout.preview': 'read',
  'sendout.create': 'write',
  'sendout.status': 'read',
  'collect.preview': 'read',
  'collect.apply': 'write',

  // A preview is the first step of an import, which a read-only plan cannot take: refused at
  // once rather than after the user has mapped every column.
  'import.preview': 'write',
  'import.rows': 'read',
  'import.commit': 'write',
  'import.run': 'write',
  'import.cancel': 'read',
  'documents.preview': 'write',
  'documents.commit': 'write',
  'documents.cancel': 'read',

  'print.options.get': 'read',
  'print.options.save': 'write',
  'print.preview': 'read',
  'print.pdf': 'read',
  'print.system': 'read',

  'allocation.factors.get': 'read',
  'allocation.factors.run': 'write',
  'budget.investmentPlan': 'write',
  'costSharing.apply': 'write',
  'costSharing.districts': 'write',
  'supervision.progress': 'read',
  'supervision.thresholds.get': 'read',
  'supervision.thresholds.set': 'write',
  'supervision.report': 'read',
  'supervision.trend': 'read',
  'rounds.open': 'write',
  'rounds.list': 'read',
  'rounds.sendout': 'write',
  'rounds.status': 'read',
  'rounds.chaseList': 'read',
  'cell.history': 'read',
  'cell.restore': 'write',
  'versions.list': 'read',
  // Saving a version writes it into the plan file (no figure changes, so it is not an action).
  'versions.save': 'write',
  'versions.compare': 'read',
  'versions.compareFile': 'read',
  'versions.restore': 'write',
  'comments.list': 'read',
  'comments.set': 'write',
  'comments.delete': 'write',

  'plan.meta.set': 'write',
  // A copy leaves the plan as it is: a plan open read-only may be saved elsewhere.
  'plan.saveAs': 'read',
  'backups.list': 'read',
  'backups.restore': 'write',
  'backups.setKeepDays': 'write',
  'versions.sheet': 'read',
};

export function callWritesPlan(name: ApiName): boolean {
  return CALL_ACCESS[name] === 'write';
}
