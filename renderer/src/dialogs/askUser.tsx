import { useEffect, useRef, useState } from 'react';
import type { KeyboardEvent } from 'react';

/**
 * The workbench's one way to ask the user something: a dialog of its own, in Chinese (English
 * beneath), Enter to confirm, Esc to cancel, the focus kept inside — never the browser's
 * confirm()/prompt(), which speak the browser's language and do not exist in Electron.
 *
 *   if (await askConfirm({ title: '删除行', message: '确定删除选中的 3 行？' })) …
 *   const name = await askText({ title: '重命名工作表', label: '工作表名称', initial: '重点工程' });
 */

interface Question {
  title: string;
  message?: string;
  /** A text to type (askText); absent for a yes/no question. */
  input?: { label: string; initial: string };
  confirmLabel: string;
  cancelLabel: string;
  answer(value: string | boolean | null): void;
}

let show: ((question: Question | null) => void) | null = null;
const waiting: Question[] = [];

function ask(question: Omit<Question, 'answer'>): Promise<string | boolean | null> {
  return new Promise((resolve) => {
    const full: Question = { ...question, answer: resolve };
    if (show) show(full);
    else waiting.push(full);
  });
}

export interface ConfirmOptions {
  title: string;
  message: string;
  confirmLabel?: string;
  cancelLabel?: string;
}

/** A yes/no question: true when the user confirms. */
export async function askConfirm(options: ConfirmOptions): Promise<boolean> {
  const answer = await ask({ confirmLabel: '确定', cancelLabel: '取消', ...options });
  return answer === true;
}

export interface TextOptions {
  title: string;
  label: string;
  initial?: string;
  message?: string;
}

/** A line of text to type: the trimmed text, or null when cancelled or left empty. */
export async function askText(options: TextOptions): Promise<string | null> {
  const answer = await ask({
    title: options.title,
    message: options.message,
    input: { label: options.label, initial: options.initial ?? '' },
    confirmLabel: '确定',
    cancelLabel: '取消',
  });
  return typeof answer === 'string' && answer.trim() !== '' ? answer.trim() : null;
}

/** Mounted once, at the top of the app: shows the questions one at a time. */
export function DialogHost() {
  const [question, setQuestion] = useState<Question | null>(null);
  const [text, setText] = useState('');
  const box = useRef<HTMLDivElement>(null);
  const returnFocus = useRef<HTMLElement | null>(null);

  useEffect(() => {
    show = (next) => {
      returnFocus.current = document.activeElement as HTMLElement | null;
      setText(next?.input?.initial ?? '');
      setQuestion(next);
    };
    const first = waiting.shift();
    if (first) show(first);
    return () => {
      show = null;
    };
  }, []);

  useEffect(() => {
    if (!question) return;
    const field = box.current?.querySelector<HTMLElement>('input, button.primary');
    field?.focus();
    if (field instanceof HTMLInputElement) field.select();
  }, [question]);

  if (!question) return null;

  const close = (value: string | boolean | null) => {
    question.answer(value);
    const next = waiting.shift() ?? null;
    setQuestion(next);
    setText(next?.input?.initial ?? '');
    if (!next) returnFocus.current?.focus();
  };
  const confirm = () => close(question.input ? text : true);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    event.stopPropagation();
    if (event.key === 'Escape') {
      event.preventDefault();
      close(question.input ? null : false);
    } else if (event.key === 'Enter' && !event.nativeEvent.isComposing) {
      event.preventDefault();
      confirm();
    } else if (event.key === 'Tab') {
      // The focus stays in the dialog: Tab past the last control comes back to the first.
      const controls = [...(box.current?.querySelectorAll<HTMLElement>('input, button') ?? [])];
      const at = controls.indexOf(document.activeElement as HTMLElement);
      const next = controls[(at + (event.shiftKey ? controls.length - 1 : 1)) % controls.length];
      next?.focus();
      event.preventDefault();
    }
  };

  return (
    <div className="dialog-backdrop">
      <div
        className="dialog"
        role="dialog"
        aria-modal="true"
        aria-label={question.title}
        ref={box}
        onKeyDown={onKeyDown}
      >
        <h2>{question.title}</h2>
        {question.message && <p className="dialog-message">{question.message}</p>}
        {question.input && (
          <label>
            {question.input.label}
            <input value={text} onChange={(event) => setText(event.target.value)} />
          </label>
        )}
        <div className="dialog-buttons">
          <button onClick={() => close(question.input ? null : false)}>{question.cancelLabel}</button>
          <button className="primary" onClick={confirm}>
            {question.confirmLabel}
          </button>
        </div>
      </div>
    </div>
  );
}
