// Keyboard shortcuts of the workspace, as one table so the menu, the buttons' hints
// and the handler agree.

export type Action = 'save' | 'save-as' | 'undo' | 'redo' | 'new' | 'filter';

/** The shortcut of each action, for people ("Ctrl+S"). */
export const shortcutText: Record<Action, string> = {
  save: 'Ctrl+S',
  'save-as': 'Ctrl+Shift+S',
  undo: 'Ctrl+Z',
  redo: 'Ctrl+Shift+Z',
  new: 'Ctrl+N',
  filter: 'Ctrl+K or /',
};

interface Keys {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

/**
 * actionOf maps a key press to an action: Ctrl+S save, Ctrl+Shift+S save as new, Ctrl+Z undo, Ctrl+Shift+Z
 * and Ctrl+Y redo, Ctrl+N new, Ctrl+K or / the input filter (Cmd instead of Ctrl on
 * a Mac). inText says the focus is in a text field, where Ctrl+Z, Ctrl+Y and /
 * belong to the field.
 */
export function actionOf(e: Keys, inText = false): Action | null {
  if (e.key === '/' && !e.ctrlKey && !e.metaKey && !e.altKey) return inText ? null : 'filter';
  if (!(e.ctrlKey || e.metaKey) || e.altKey) return null;
  const k = e.key.toLowerCase();
  if (k === 'k' && !e.shiftKey) return 'filter';
  if (k === 's') return e.shiftKey ? 'save-as' : 'save';
  if (k === 'n' && !e.shiftKey) return 'new';
  if (inText) return null;
  if (k === 'z') return e.shiftKey ? 'redo' : 'undo';
  if (k === 'y' && !e.shiftKey) return 'redo';
  return null;
}
