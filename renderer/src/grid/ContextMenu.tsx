import { useEffect, useRef } from 'react';
import type { KeyboardEvent } from 'react';

export interface MenuItem {
  label: string;
  /** The key that does the same ("Ctrl+C"), shown at the right. */
  shortcut?: string;
  disabled?: boolean;
  run(): void;
}

/** A separator between groups of items. */
export const SEPARATOR = 'separator' as const;

export interface ContextMenuProps {
  x: number;
  y: number;
  items: readonly (MenuItem | typeof SEPARATOR)[];
  onClose(): void;
}

/**
 * The grid's right-click menu (also Shift+F10 or the menu key): the row and cell actions of the
 * toolbar and the keyboard, where the pointer is. Arrows move, Enter runs, Esc closes.
 */
export function ContextMenu({ x, y, items, onClose }: ContextMenuProps) {
  const menu = useRef<HTMLUListElement>(null);

  useEffect(() => {
    menu.current?.querySelector<HTMLElement>('[role=menuitem]:not([aria-disabled=true])')?.focus();
    const close = (event: MouseEvent) => {
      if (!menu.current?.contains(event.target as Node)) onClose();
    };
    window.addEventListener('mousedown', close, true);
    return () => window.removeEventListener('mousedown', close, true);
  }, [onClose]);

  const entries = () => [
    ...(menu.current?.querySelectorAll<HTMLElement>('[role=menuitem]:not([aria-disabled=true])') ?? []),
  ];
  const onKeyDown = (event: KeyboardEvent<HTMLUListElement>) => {
    event.stopPropagation();
    const all = entries();
    const at = all.indexOf(document.activeElement as HTMLElement);
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      const step = event.key === 'ArrowDown' ? 1 : all.length - 1;
      all[(at + step) % all.length]?.focus();
      event.preventDefault();
    } else if (event.key === 'Escape' || event.key === 'Tab') {
      onClose();
      event.preventDefault();
    } else if (event.key === 'Enter' || event.key === ' ') {
      (document.activeElement as HTMLElement | null)?.click();
      event.preventDefault();
    }
  };

  // Kept on screen: a menu opened near the right or bottom edge opens leftwards or upwards.
  const left = Math.min(x, window.innerWidth - 240);
  const top = Math.min(y, window.innerHeight - 32 * items.length - 16);
  return (
    <ul
      className="context-menu"
      role="menu"
      aria-label="单元格操作"
      ref={menu}
      style={{ left, top }}
      onKeyDown={onKeyDown}
    >
      {items.map((item, index) =>
        item === SEPARATOR ? (
          <li key={`separator-${index}`} role="separator" className="context-menu-separator" />
        ) : (
          <li
            key={item.label}
            role="menuitem"
            tabIndex={-1}
            aria-disabled={item.disabled ? true : undefined}
            onClick={() => {
              if (item.disabled) return;
              onClose();
              item.run();
            }}
          >
            <span>{item.label}</span>
            {item.shortcut && <span className="context-menu-shortcut">{item.shortcut}</span>}
          </li>
        ),
      )}
    </ul>
  );
}
