import { useEffect, useMemo, useRef, useState } from 'react';
import type {
  FillColumnChoice,
  SendOutPreview,
  SendOutResult,
  SendOutRouting,
} from '../../../../shared/contract/calls/exchange';
import { api } from '../../data/api';
import { ErrorBanner } from '../../app/ErrorBanner';
import { download } from '../../app/files';
import { useEscape } from '../../app/useEscape';
import './exchange.css';

export interface SendOutDialogProps {
  sheetId: number;
  onClose(): void;
  /** Called after the batch is recorded (the status panel may want to refresh). */
  onApplied?(): void;
}

/** A fill-in choice as a string key, so checkboxes can hold it: "std:progress" or "col:<key>". */
type FillKey = string;

function toChoice(key: FillKey): FillColumnChoice {
  return key.startsWith('std:')
    ? { standard: key.slice(4) as Extract<FillColumnChoice, { standard: string }>['standard'] }
    : { columnKey: key.slice(4) };
}

/**
 * Send a sheet out: pick the fill-in columns, who gets rows (lead units, or lead and
 * cooperating units), which departments, an optional password and what the instructions say;
 * then one workbook per department is made and downloaded — as one zip (default: a single
 * download to file away or mail from), or as separate files.
 */
export function SendOutDialog({ sheetId, onClose, onApplied }: SendOutDialogProps) {
  useEscape(onClose);
  const [routing, setRouting] = useState<SendOutRouting>('lead');
  const [fill, setFill] = useState<FillKey[] | null>(null);
  const [preview, setPreview] = useState<SendOutPreview | null>(null);
  const [excluded, setExcluded] = useState<Set<string>>(new Set());
  const [password, setPassword] = useState('');
  const [dueDate, setDueDate] = useState('');
  const [contact, setContact] = useState('');
  const [packaging, setPackaging] = useState<'zip' | 'files'>('zip');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<SendOutResult | null>(null);
  const [error, setError] = useState<unknown>(null);
  const ticket = useRef(0);

  // The preview follows the choices; an older, slower answer never replaces a newer one.
  useEffect(() => {
    const mine = ++ticket.current;
    api['sendout.preview']({ sheetId, routing, ...(fill && fill.length > 0 ? { fill: fill.map(toChoice) } : {}) }).then(
      (next) => {
        if (mine !== ticket.current) return;
        setPreview(next);
        setError(null);
        if (fill === null)
          setFill(
            next.fill.map((column) =>
              column.standard && !column.exists ? `std:${column.standard}` : `col:${column.key}`,
            ),
          );
      },
      (failure: unknown) => mine === ticket.current && setError(failure),
    );
  }, [sheetId, routing, fill]);

  const options = useMemo(() => {
    if (!preview) return [];
    const standard = preview.standardFill.map((column) => ({
      key: `std:${column.id}`,
      label: column.header,
      note: '标准填报列',
    }));
    const taken = new Set(standard.map((column) => column.label));
    const own = preview.sheetColumns
      .filter((column) => !taken.has(column.header))
      .map((column) => ({ key: `col:${column.key}`, label: column.header, note: '本表已有列' }));
    return [...standard, ...own];
  }, [preview]);

  const chosenDepartments = preview?.departments.filter((department) => !excluded.has(department.department)) ?? [];
  const toggleFill = (key: FillKey) =>
    setFill((current) =>
      (current ?? []).includes(key) ? (current ?? []).filter((item) => item !== key) : [...(current ?? []), key],
    );
  const toggleDepartment = (name: string) =>
    setExcluded((current) => {
      const next = new Set(current);
      if (next.has(name)) next.delete(name);
      else next.add(name);
      return next;
    });

  const create = async () => {
    if (!fill || fill.length === 0 || chosenDepartments.length === 0) return;
    setBusy(true);
    setError(null);
    try {
      const made = await api['sendout.create']({
        sheetId,
        routing,
        fill: fill.map(toChoice),
        departments: chosenDepartments.map((department) => department.department),
        ...(password ? { password } : {}),
        ...(dueDate.trim() ? { dueDate: dueDate.trim() } : {}),
        ...(contact.trim() ? { contact: contact.trim() } : {}),
        package: packaging,
      });
      if (made.zip) download(made.zip);
      else for (const file of made.files) if (file.file) download(file.file);
      setResult(made);
      onApplied?.();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="xc-overlay" role="presentation">
      <div className="xc-dialog" role="dialog" aria-label="按单位下发填报表">
        <header className="xc-header">
          <h2>按单位下发{preview ? `“${preview.sheetName}”` : ''}填报表</h2>
          <button type="button" className="xc-close" onClick={onClose} aria-label="关闭">
            ×
          </button>
        </header>
        <ErrorBanner error={error} />
        {result ? (
          <div className="xc-body">
            <p className="xc-done">
              已生成 {result.files.length} 个单位的填报表{result.zip ? `，打包为 ${result.zip.fileName}` : ''}
              ，并记录为一次下发（{result.createdAt.slice(0, 10)}）。
            </p>
            <table className="xc-table">
              <thead>
                <tr>
                  <th>单位</th>
                  <th>行数</th>
                  <th>文件</th>
                </tr>
              </thead>
              <tbody>
                {result.files.map((file) => (
                  <tr key={file.department}>
                    <td>{file.department}</td>
                    <td className="xc-num">{file.rows}</td>
                    <td>{file.fileName}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <footer className="xc-footer">
              <button type="button" onClick={onClose}>
                完成
              </button>
            </footer>
          </div>
        ) : (
          <div className="xc-body xc-columns">
            <section>
              <h3>下发给</h3>
              <label className="xc-radio">
                <input type="radio" name="routing" checked={routing === 'lead'} onChange={() => setRouting('lead')} />{' '}
                牵头单位
              </label>
              <label className="xc-radio">
                <input
                  type="radio"
                  name="routing"
                  checked={routing === 'leadAndCooperating'}
                  onChange={() => setRouting('leadAndCooperating')}
                />{' '}
                牵头和配合单位
              </label>
              <h3>填报列（单位填写，其余列锁定）</h3>
              <div className="xc-checklist">
                {options.map((option) => (
                  <label key={option.key}>
                    <input
                      type="checkbox"
                      checked={fill?.includes(option.key) ?? false}
                      onChange={() => toggleFill(option.key)}
                    />{' '}
                    {option.label}
                    <span className="xc-muted"> {option.note}</span>
                  </label>
                ))}
              </div>
              <h3>填报说明</h3>
              <label className="xc-field">
                发回期限{' '}
                <input
                  value={dueDate}
                  onChange={(event) => setDueDate(event.target.value)}
                  placeholder="如 2024年7月10日"
                />
              </label>
              <label className="xc-field">
                联系人{' '}
                <input value={contact} onChange={(event) => setContact(event.target.value)} placeholder="姓名、电话" />
              </label>
              <label className="xc-field">
                保护密码{' '}
                <input
                  type="password"
                  value={password}
                  onChange={(event) => setPassword(event.target.value)}
                  placeholder="可不设（仍受保护）"
                  autoComplete="new-password"
                />
              </label>
              <label className="xc-radio">
                <input
                  type="radio"
                  name="packaging"
                  checked={packaging === 'zip'}
                  onChange={() => setPackaging('zip')}
                />{' '}
                打包为一个 zip 下载
              </label>
              <label className="xc-radio">
                <input
                  type="radio"
                  name="packaging"
                  checked={packaging === 'files'}
                  onChange={() => setPackaging('files')}
                />{' '}
                每个单位一个文件分别下载
              </label>
            </section>
            <section>
              <h3>
                单位（{chosenDepartments.length}/{preview?.departments.length ?? 0}）
              </h3>
              {preview?.expanded.map((group) => (
                <p key={group.group} className="xc-note" data-testid="sendout-expanded">
                  “{group.group}”（{group.rows} 行）下发给其 {group.members.length} 个成员单位：
                  {group.members.join('、')}；各单位交回后合并到同一行，不一致之处列为冲突
                </p>
              ))}
              {preview && preview.unrouted.count > 0 && (
                <p className="xc-warning">
                  有 {preview.unrouted.count} 行没有填写单位，不会下发：{preview.unrouted.labels.slice(0, 5).join('；')}
                </p>
              )}
              <div className="xc-scroll">
                <table className="xc-table">
                  <thead>
                    <tr>
                      <th />
                      <th>单位</th>
                      <th>行数</th>
                      <th>其中牵头</th>
                    </tr>
                  </thead>
                  <tbody>
                    {preview?.departments.map((department) => (
                      <tr key={department.department}>
                        <td>
                          <input
                            type="checkbox"
                            aria-label={department.department}
                            checked={!excluded.has(department.department)}
                            onChange={() => toggleDepartment(department.department)}
                          />
                        </td>
                        <td>{department.department}</td>
                        <td className="xc-num">{department.rows}</td>
                        <td className="xc-num">{department.leadRows}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </section>
            <footer className="xc-footer">
              <button type="button" onClick={onClose}>
                取消
              </button>
              <button
                type="button"
                className="xc-primary"
                onClick={create}
                disabled={busy || !preview || !fill?.length || chosenDepartments.length === 0}
              >
                {busy ? '正在生成…' : `生成并下载（${chosenDepartments.length} 个单位）`}
              </button>
            </footer>
          </div>
        )}
      </div>
    </div>
  );
}
