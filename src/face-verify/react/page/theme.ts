/**
 * The page's look, as inline styles over CSS variables, so the packaged page needs no stylesheet.
 * Every size is in `em` under one root font size (`--fv-font-size`), so the page scales with the reader's
 * text size. An app themes the page through the `theme` prop or by setting the variables on an ancestor
 * (e.g. `page { --fv-color-primary: #1677ff; }` in app.scss).
 */
import type { CSSProperties } from 'react';

/**
 * Every themable value: each key is also the CSS variable named in its doc, and every colour the page, the
 * preview bar and the simulated capture draw with goes through one of them (`color` below reads them).
 */
export interface FaceVerifyTheme {
  /** `--fv-color-primary`: buttons, progress, success. @default '#07c160' (WeChat green) */
  colorPrimary?: string;
  /** `--fv-color-primary-soft`: focus rings and info banners. @default 'rgba(7, 193, 96, 0.1)' */
  colorPrimarySoft?: string;
  /** `--fv-color-on-primary`: text and marks on the primary colour (and on the status icons). @default '#ffffff' */
  colorOnPrimary?: string;
  /** `--fv-color-danger`: errors and failures. @default '#d93025' */
  colorDanger?: string;
  /** `--fv-color-danger-soft`: behind error banners. @default '#fdecea' */
  colorDangerSoft?: string;
  /** `--fv-color-warning`: problems that do not stop the flow. @default '#a35a00' */
  colorWarning?: string;
  /** `--fv-color-warning-soft`: behind notices. @default '#fff5e5' */
  colorWarningSoft?: string;
  /** `--fv-color-neutral`: the cancelled icon. @default '#8a8f98' */
  colorNeutral?: string;
  /** `--fv-color-text`. @default '#1d1d1f' */
  colorText?: string;
  /** `--fv-color-text-secondary`: explanations, labels, hints. @default '#5c6066' */
  colorTextSecondary?: string;
  /** `--fv-color-placeholder`: placeholder text in the fields. @default '#9aa0a6' */
  colorPlaceholder?: string;
  /** `--fv-color-border`: fields, dividers, the step bar's track. @default '#dcdfe4' */
  colorBorder?: string;
  /** `--fv-color-surface`: cards and fields. @default '#ffffff' */
  colorSurface?: string;
  /** `--fv-color-background`: behind the cards. @default '#f5f6f8' */
  colorBackground?: string;
  /** `--fv-color-shadow`: the cards' shadow. @default 'rgba(16, 24, 40, 0.06)' */
  colorShadow?: string;
  /** `--fv-color-preview`: the H5 preview's marks (its bar and the simulated capture's badge). @default '#fff8e1' */
  colorPreview?: string;
  /** `--fv-color-preview-border`: the preview bar's border and controls. @default '#e0c36a' */
  colorPreviewBorder?: string;
  /** `--fv-color-preview-text`: text on the preview's marks. @default '#5c4400' */
  colorPreviewText?: string;
  /** `--fv-color-camera-placeholder`: the drawn face in the simulated capture when no camera is used. @default '#c9ced6' */
  colorCameraPlaceholder?: string;
  /** `--fv-radius`: cards, buttons and fields. @default '12px' */
  radius?: string;
  /** `--fv-font-size`: the root size every other size is relative to (double it for 200% text). @default '16px' */
  fontSize?: string;
}

/** Each theme key's CSS variable and default: typed over every key, so a new key without a variable fails to compile. */
const VARIABLES: Record<keyof FaceVerifyTheme, readonly [name: string, fallback: string]> = {
  colorPrimary: ['--fv-color-primary', '#07c160'],
  colorPrimarySoft: ['--fv-color-primary-soft', 'rgba(7, 193, 96, 0.1)'],
  colorOnPrimary: ['--fv-color-on-primary', '#ffffff'],
  colorDanger: ['--fv-color-danger', '#d93025'],
  colorDangerSoft: ['--fv-color-danger-soft', '#fdecea'],
  colorWarning: ['--fv-color-warning', '#a35a00'],
  colorWarningSoft: ['--fv-color-warning-soft', '#fff5e5'],
  colorNeutral: ['--fv-color-neutral', '#8a8f98'],
  colorText: ['--fv-color-text', '#1d1d1f'],
  colorTextSecondary: ['--fv-color-text-secondary', '#5c6066'],
  colorPlaceholder: ['--fv-color-placeholder', '#9aa0a6'],
  colorBorder: ['--fv-color-border', '#dcdfe4'],
  colorSurface: ['--fv-color-surface', '#ffffff'],
  colorBackground: ['--fv-color-background', '#f5f6f8'],
  colorShadow: ['--fv-color-shadow', 'rgba(16, 24, 40, 0.06)'],
  colorPreview: ['--fv-color-preview', '#fff8e1'],
  colorPreviewBorder: ['--fv-color-preview-border', '#e0c36a'],
  colorPreviewText: ['--fv-color-preview-text', '#5c4400'],
  colorCameraPlaceholder: ['--fv-color-camera-placeholder', '#c9ced6'],
  radius: ['--fv-radius', '12px'],
  fontSize: ['--fv-font-size', '16px'],
};

/** The CSS variables a theme sets; unset ones fall back to an ancestor's value, then to the defaults. */
export function themeVariables(theme: FaceVerifyTheme | undefined): CSSProperties {
  const out: Record<string, string> = {};
  for (const [key, [name]] of Object.entries(VARIABLES)) {
    const value = theme?.[key as keyof FaceVerifyTheme];
    if (value) out[name] = value;
  }
  return out as CSSProperties;
}

/** `var(--fv-…, default)` for a theme key: how every style reads the theme. */
const themed = (key: keyof FaceVerifyTheme) => `var(${VARIABLES[key][0]}, ${VARIABLES[key][1]})`;

export const color = {
  primary: themed('colorPrimary'),
  primarySoft: themed('colorPrimarySoft'),
  onPrimary: themed('colorOnPrimary'),
  danger: themed('colorDanger'),
  dangerSoft: themed('colorDangerSoft'),
  warning: themed('colorWarning'),
  warningSoft: themed('colorWarningSoft'),
  neutral: themed('colorNeutral'),
  text: themed('colorText'),
  muted: themed('colorTextSecondary'),
  placeholder: themed('colorPlaceholder'),
  border: themed('colorBorder'),
  surface: themed('colorSurface'),
  background: themed('colorBackground'),
  shadow: themed('colorShadow'),
  preview: themed('colorPreview'),
  previewBorder: themed('colorPreviewBorder'),
  previewText: themed('colorPreviewText'),
  cameraPlaceholder: themed('colorCameraPlaceholder'),
};

export const radius = themed('radius');
export const smallRadius = `calc(${radius} * 0.75)`;

// Not rem: Taro's H5 runtime sets the root font size from the screen width (20-40px), and a
// mini-program's rem is a twentieth of the screen width; neither is the reader's text size.
export const rootStyle = (): CSSProperties => ({
  minHeight: '100vh',
  boxSizing: 'border-box',
  background: color.background,
  color: color.text,
  fontSize: themed('fontSize'),
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
    boxShadow: `0 1px 3px ${color.shadow}`,
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
    color: kind === 'primary' ? color.onPrimary : kind === 'secondary' ? color.primary : color.muted,
    fontSize: '1.0625em',
    fontWeight: kind === 'text' ? 400 : 500,
    lineHeight: 1.5,
    textAlign: 'center',
  }),
} satisfies Record<string, CSSProperties | ((...args: never[]) => CSSProperties)>;
