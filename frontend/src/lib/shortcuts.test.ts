import { describe, expect, it } from 'vitest';
import { actionOf } from './shortcuts';

const key = (k: string, mods: Partial<{ ctrl: boolean; meta: boolean; shift: boolean; alt: boolean }> = {}) => ({
  key: k,
  ctrlKey: mods.ctrl ?? false,
  metaKey: mods.meta ?? false,
  shiftKey: mods.shift ?? false,
  altKey: mods.alt ?? false,
});

describe('actionOf', () => {
  it('maps the shortcuts', () => {
    expect(actionOf(key('s', { ctrl: true }))).toBe('save');
    expect(actionOf(key('S', { ctrl: true, shift: true }))).toBe('save-as');
    expect(actionOf(key('S', { meta: true }))).toBe('save');
    expect(actionOf(key('z', { ctrl: true }))).toBe('undo');
    expect(actionOf(key('Z', { ctrl: true, shift: true }))).toBe('redo');
    expect(actionOf(key('y', { ctrl: true }))).toBe('redo');
    expect(actionOf(key('n', { ctrl: true }))).toBe('new');
  });

  it('leaves other keys alone', () => {
    expect(actionOf(key('s'))).toBeNull();
    expect(actionOf(key('z', { ctrl: true, alt: true }))).toBeNull();
    expect(actionOf(key('x', { ctrl: true }))).toBeNull();
  });

  it('leaves undo in a text field to the field, but saves from anywhere', () => {
    expect(actionOf(key('z', { ctrl: true }), true)).toBeNull();
    expect(actionOf(key('y', { ctrl: true }), true)).toBeNull();
    expect(actionOf(key('s', { ctrl: true }), true)).toBe('save');
  });

  it('reaches the input filter with / or Ctrl+K, leaving / to a text field', () => {
    expect(actionOf(key('/'))).toBe('filter');
    expect(actionOf(key('k', { ctrl: true }))).toBe('filter');
    expect(actionOf(key('K', { meta: true }), true)).toBe('filter');
    expect(actionOf(key('/'), true)).toBeNull();
    expect(actionOf(key('/', { alt: true }))).toBeNull();
  });
});
