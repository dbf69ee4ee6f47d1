/**
 * The page's look, as inline styles over CSS variables, so the packaged page needs no stylesheet.
 * Every size is in `em` under one root font size (`--fv-font-size`), so the page scales with the reader's
 * text size. An app themes the page through the `theme` prop or by setting the variables on an ancestor
 * (e.g. `page { --fv-color-primary: #1677ff; }` in app.scss).
 */
import type { CSSProperties } from 'react';

/** Themable values; each is also the CSS variable named in its doc. */
export interface FaceVerifyTheme {
  /** `--fv-color-primary`: buttons, progress, success. @default '#07c160' (WeChat green) */
  colorPrimary?: string;
  /** `--fv-color-danger`: errors and failures. @default '#d93025' */
  colorDanger?: string;
  /** `--fv-color-text`. @default '#1d1d1f' */
  colorText?: string;
  /** `--fv-color-background`: behind the cards. @default '#f5f6f8' */
  colorBackground?: string;
  /** `--fv-radius`: cards, buttons and fields. @default '12px' */
  radius?: string;
  /** `--fv-font-size`: the root size every other size is relative to (double it for 200% text). @default '16px' */
  fontSize?: string;
}

const VARIABLES: Record<keyof FaceVerifyTheme, string> = {
  colorPrimary: '--fv-color-primary',
  colorDanger: '--fv-color-danger',
  colorText: '--fv-color-text',
  colorBackground: '--fv-color-background',
  radius: '--fv-radius',
  fontSize: '--fv-font-size',
};

/** The CSS variables a theme sets; unset ones fall back to an ancestor's value, then to the defaults. */
export function themeVariables(theme: FaceVerifyTheme | undefined): CSSProperties {
  const out: Record<string, string> = {};
  for (const [key, name] of Object.entries(VARIABLES)) {
    const value = theme?.[key as keyof FaceVerifyTheme];
    if (value) out[name] = value;
  }
  return out as CSSProperties;
}

export const color = {
  primary: 'var(--fv-color-primary, #07c160)',
  primarySoft: 'var(--fv-color-primary-soft, rgba(7, 193, 96, 0.1))',
  danger: 'var(--fv-color-danger, #d93025)',
  dangerSoft: 'var(--fv-color-danger-soft, #fdecea)',
  warning: 'var(--fv-color-warning, #a35a00)',
  warningSoft: 'var(--fv-color-warning-soft, #fff5e5)',
  text: 'var(--fv-color-text, #1d1d1f)',
  muted: 'var(--fv-color-text-secondary, #5c6066)',
  border: 'var(--fv-color-border, #dcdfe4)',
  surface: 'var(--fv-color-surface, #ffffff)',
  background: 'var(--fv-color-background, #f5f6f8)',
};

export const radius = 'var(--fv-radius, 12px)';
const smallRadius = 'calc(var(--fv-radius, 12px) * 0.75)';

// Not rem: Taro's H5 runtime sets the root font size from the screen width (20-40px), and a
// mini-program's rem is a twentieth of the screen width; neither is the reader's text size.
export const rootStyle = (): CSSProperties => ({
  minHeight: '100vh',
  boxSizing: 'border-box',
  background: color.background,
  color: color.text,
  fontSize: 'var(--fv-font-size, 16px)',
  lineHeight: 1.6,
  fontFamily:
    '-apple-system, BlinkMacSystemFont, "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Helvetica Neue", "WenQuanYi Micro Hei", sans-serif',
});

export const styles = {
  container: { maxWidth: '36em', margin: '0 auto', padding: '1.5em 1.25em 2.5em', boxSizing: 'border-box' },
  title: { display: 'block', fontSize: '1.5em', fontWeight: 600, lineHeight: 1.3, letterSpacing: '0.01em' },
  description: { display: 'block', marginTop: '0.5em', color: color.muted, fontSize: '0.9375em' },
  card: {
    marginTop: '1.25em',
    padding: '1.5em 1.25em',
    background: color.surface,
    borderRadius: radius,
    boxShadow: '0 1px 3px rgba(16, 24, 40, 0.06)',
    boxSizing: 'border-box',
  },
  center: { display: 'flex', flexDirection: 'column', alignItems: 'center', textAlign: 'center' },
  heading: { display: 'block', fontSize: '1.1875em', fontWeight: 600, lineHeight: 1.4 },
  body: { display: 'block', marginTop: '0.5em', color: color.muted, fontSize: '0.9375em' },
  small: { display: 'block', color: color.muted, fontSize: '0.8125em', lineHeight: 1.6 },
  label: { display: 'block', marginBottom: '0.5em', fontSize: '0.9375em', fontWeight: 500 },
  field: (state: 'idle' | 'focus' | 'invalid'): CSSProperties => ({
    display: 'flex',
    alignItems: 'center',
    minHeight: '3em',
    padding: '0.5em 0.875em',
    boxSizing: 'border-box',
    background: color.surface,
    borderRadius: smallRadius,
    border: `1px solid ${state === 'invalid' ? color.danger : state === 'focus' ? color.primary : color.border}`,
    boxShadow: state === 'focus' ? `0 0 0 3px ${color.primarySoft}` : 'none',
  }),
  input: { flex: 1, width: '100%', minHeight: '1.5em', fontSize: '1.0625em', color: color.text, background: 'transparent' },
  fieldError: { display: 'block', marginTop: '0.375em', color: color.danger, fontSize: '0.875em', lineHeight: 1.5 },
  banner: (tone: 'danger' | 'warning' | 'info'): CSSProperties => ({
    display: 'block',
    padding: '0.75em 0.875em',
    borderRadius: smallRadius,
    background: tone === 'danger' ? color.dangerSoft : tone === 'warning' ? color.warningSoft : color.primarySoft,
    color: tone === 'danger' ? color.danger : tone === 'warning' ? color.warning : color.text,
    fontSize: '0.9375em',
    lineHeight: 1.55,
  }),
  button: (kind: 'primary' | 'secondary' | 'text'): CSSProperties => ({
    display: 'block',
    width: '100%',
    boxSizing: 'border-box',
    margin: '0.75em 0 0',
    padding: '0.75em 1em',
    minHeight: '3em',
    borderRadius: radius,
    border: kind === 'secondary' ? `1px solid ${color.primary}` : '1px solid transparent',
    background: kind === 'primary' ? color.primary : kind === 'secondary' ? color.surface : 'transparent',
    color: kind === 'primary' ? '#ffffff' : kind === 'secondary' ? color.primary : color.muted,
    fontSize: '1.0625em',
    fontWeight: kind === 'text' ? 400 : 500,
    lineHeight: 1.5,
    textAlign: 'center',
  }),
} satisfies Record<string, CSSProperties | ((...args: never[]) => CSSProperties)>;
