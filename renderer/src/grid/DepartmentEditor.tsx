import { useEffect, useMemo, useRef, useState } from 'react';
import type { KeyboardEvent } from 'react';
import type { CustomCellEditorProps } from 'ag-grid-react';
import type { Department } from '../../../shared/api/contract';
import { splitDepartmentText } from '../../../shared/domain/departments';
import { suggestDepartments } from '../../../shared/domain/departments';
import { api } from '../api';

/**
 * The editor of department cells: type part of a name or an alias (资规局) and pick the unit
 * (市自然资源和规划局). In a list column several units go in order, separated by 、 — the first
 * is the lead. Names the plan does not know are kept as typed; the grid then offers to add them.
 */

let departmentsPromise: Promise<Department[]> | null = null;

/** The plan's units, fetched once per page; call `forgetDepartments` after adding one. */
export function loadDepartments(): Promise<Department[]> {
  departmentsPromise ??= api['departments.list']({}).then((result) => result.departments);
  return departmentsPromise;
}

export function forgetDepartments(): void {
  departmentsPromise = null;
}

const SEPARATOR = '、';

export function DepartmentEditor(props: CustomCellEditorProps<unknown, string> & { multiple?: boolean }) {
  const { multiple = false, onValueChange, stopEditing } = props;
  const startedByTyping = props.eventKey && props.eventKey.length === 1 ? props.eventKey : null;
  const [text, setText] = useState<string>(startedByTyping ?? props.value ?? '');
  const [departments, setDepartments] = useState<Department[]>([]);
  const [highlight, setHighlight] = useState(0);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    void loadDepartments().then(setDepartments);
    input.current?.focus();
  }, []);
  useEffect(() => onValueChange(text), [text, onValueChange]);

  // Only the unit being typed (after the last separator) is looked up.
  const parts = multiple ? text.split(/[、，,；;]/) : [text];
  const current = parts[parts.length - 1] ?? '';
  const suggestions = useMemo(() => suggestDepartments(departments, current), [departments, current]);

  const choose = (department: Department) => {
    const done = multiple ? splitDepartmentText(parts.slice(0, -1).join(SEPARATOR)) : [];
    setText([...done, department.name].join(SEPARATOR) + (multiple ? SEPARATOR : ''));
    setHighlight(0);
    input.current?.focus();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (suggestions.length === 0) return;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      setHighlight((index) => (index + (event.key === 'ArrowDown' ? 1 : suggestions.length - 1)) % suggestions.length);
      event.preventDefault();
      event.stopPropagation();
    } else if (event.key === 'Enter' && suggestions[highlight] && suggestions[highlight].name !== current.trim()) {
      choose(suggestions[highlight]);
      event.preventDefault();
      event.stopPropagation();
    }
  };

  return (
    <div className="department-editor">
      <input
        ref={input}
        value={text}
        aria-label="责任单位"
        onChange={(event) => {
          setText(event.target.value);
          setHighlight(0);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => stopEditing()}
      />
      {suggestions.length > 0 && (
        <ul className="department-suggestions" role="listbox">
          {suggestions.map((department, index) => (
            <li
              key={department.id}
              role="option"
              aria-selected={index === highlight}
              className={index === highlight ? 'active' : ''}
              onMouseDown={(event) => {
                event.preventDefault();
                choose(department);
              }}
            >
              {department.name}
              {department.shortName && department.shortName !== department.name && <span className="alias">{department.shortName}</span>}
            </li>
          ))}
        </ul>
      )}
      {multiple && <div className="department-hint">多个单位用“、”分隔，第一个为牵头单位</div>}
    </div>
  );
}
