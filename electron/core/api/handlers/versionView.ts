import type { versionViewCalls } from '../../../../shared/contract/calls/versionView';
import { PlanbenchError } from '../../../../shared/contract/errors';
import { expandSheet } from '../../store/versionBlocks';
import type { SnapshotCell } from '../../store/versionSnapshot';
import { compareBlocked } from '../../versions/compare';
import type { HandlersFor } from '../context';

/** A saved version's sheet, read-only, with what differs now (electron/core/versions/compare.ts). */
export const versionViewHandlers: HandlersFor<typeof versionViewCalls> = {
  'versions.sheet': ({ store }, { version, sheetId, offset, limit }) => {
    const { info, snapshot } = store.readVersionBlocks(version);
    const blocked = sheetId === undefined ? snapshot.sheets[0] : snapshot.sheets.find((sheet) => sheet.id === sheetId);
    if (!blocked) {
      throw PlanbenchError.of(
        'not_found',
        `版本“${info.name}”中没有这个工作表`,
        `version "${info.name}" has no such sheet`,
      );
    }
    // The differences with now, of this sheet only (the same comparison as versions.compare).
    const now = store.snapshotSince(snapshot, info.actionId);
    const nowSheet = now.sheets.find((sheet) => sheet.id === blocked.id) ?? null;
    const [comparison] = compareBlocked({ sheets: [blocked] }, { sheets: nowSheet ? [nowSheet] : [] });
    const changed = new Map<number, Record<string, string>>();
    for (const cell of comparison?.cells ?? []) {
      changed.set(cell.rowId, { ...changed.get(cell.rowId), [cell.columnKey]: cell.after });
    }
    const deleted = new Set(comparison?.deletedRows.map((row) => row.rowId));
    const sheet = expandSheet(blocked);
    const rows = sheet.rows.slice(offset, offset + limit).map((row) => {
      const cells: Record<string, string> = {};
      sheet.columns.forEach((column, index) => {
        const cell = row[3 + index] as SnapshotCell;
        const text = cell == null ? '' : typeof cell === 'string' ? cell : cell[0];
        if (text !== '') cells[column.key] = text;
      });
      return { rowId: row[0], cells, now: changed.get(row[0]) ?? {}, deleted: deleted.has(row[0]) };
    });
    return {
      version: info,
      sheets: snapshot.sheets.map(({ id, name }) => ({ id, name })),
      sheet: { id: sheet.id, name: sheet.name },
      columns: sheet.columns.map(({ key, name }) => ({ key, name })),
      total: sheet.rows.length,
      offset,
      rows,
      addedSince: comparison?.addedRows.length ?? 0,
    };
  },
};
