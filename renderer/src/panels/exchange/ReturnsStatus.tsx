import { useEffect, useState } from 'react';
import type { SendOutStatus } from '../../../../shared/contract/calls/exchange';
import { api } from '../../data/api';
import { ErrorBanner } from '../../app/ErrorBanner';
import { localTime } from '../../app/files';
import './exchange.css';

export interface ReturnsStatusProps {
  /** Only this sheet's send-outs; all when omitted. */
  sheetId?: number;
  /** Bump to reload (e.g. after a return was collected). */
  refreshKey?: number;
  onClose?(): void;
}

/** Which departments have returned their workbooks, when, and how many changes each brought. */
export function ReturnsStatus({ sheetId, refreshKey = 0, onClose }: ReturnsStatusProps) {
  const [status, setStatus] = useState<SendOutStatus | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    api['sendout.status'](sheetId === undefined ? {} : { sheetId }).then(setStatus, setError);
  }, [sheetId, refreshKey]);

  return (
    <section className="xc-status" aria-label="填报收回情况">
      <header className="xc-header">
        <h2>填报收回情况</h2>
        {onClose && (
          <button type="button" className="xc-close" onClick={onClose} aria-label="关闭">
            ×
          </button>
        )}
      </header>
      <ErrorBanner error={error} />
      {status && status.batches.length === 0 && <p className="xc-muted">还没有下发过填报表。</p>}
      {status?.batches.map((batch) => {
        const returned = batch.departments.filter((department) => department.returned).length;
        return (
          <div key={batch.batchId} className="xc-batch" data-batch={batch.batchId}>
            <h3>
              “{batch.sheetName}” {localTime(batch.createdAt)} 下发给
              {batch.routing === 'lead' ? '牵头单位' : '牵头和配合单位'}：已收回 {returned}/{batch.departments.length}
              {batch.superseded && <span className="xc-muted">（部分单位已重新下发）</span>}
            </h3>
            <p className="xc-muted">填报列：{batch.fill.join('、')}</p>
            <table className="xc-table">
              <thead>
                <tr>
                  <th>单位</th>
                  <th>行数</th>
                  <th>状态</th>
                  <th>收回时间</th>
                  <th>合并的修改</th>
                </tr>
              </thead>
              <tbody>
                {batch.departments.map((department) => {
                  const undone = department.returns.length > 0 && department.returns.every((record) => record.undone);
                  return (
                    <tr
                      key={department.department}
                      className={department.returned ? 'xc-returned-row' : 'xc-pending-row'}
                    >
                      <td>{department.department}</td>
                      <td className="xc-num">{department.rows}</td>
                      <td>
                        {department.returned
                          ? undone
                            ? '已收回（合并已撤销）'
                            : department.returns.length > 1
                              ? `已收回 ${department.returns.length} 次`
                              : '已收回'
                          : '未收回'}
                      </td>
                      <td>{department.lastReturnAt ? localTime(department.lastReturnAt) : ''}</td>
                      <td className="xc-num">{department.returned ? department.changes : ''}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        );
      })}
    </section>
  );
}
