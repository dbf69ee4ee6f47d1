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
  /**
   * `--fv-color-primary`: buttons, focus rings, progress, success. WeChat's green, darkened so white text on
   * it reads at 5.2:1 (WCAG AA; `#07c160` itself gives 2.4:1). @default '#067d3f'
   */
  colorPrimary?: string;
  /** `--fv-color-primary-soft`: behind info banners. @default 'rgba(6, 125, 63, 0.1)' */
  colorPrimarySoft?: string;
  /** `--fv-color-on-primary`: text and marks on the primary colour (and on the status icons). @default '#ffffff' */
  colorOnPrimary?: string;
  /** `--fv-color-danger`: errors and failures (5.1:1 on `colorDangerSoft`). @default '#c5221f' */
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
  /** `--fv-color-placeholder`: placeholder text in the fields (5.0:1 on white). @default '#6b7078' */
  colorPlaceholder?: string;
  /** `--fv-color-border`: dividers and the step bar's track. @default '#dcdfe4' */
  colorBorder?: string;
  /** `--fv-color-field-border`: the fields' outline (4.3:1 on white; WCAG asks 3:1 for a control's edge). @default '#767b84' */
  colorFieldBorder?: string;
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
  /**
   * `--fv-font-size`: the root size every other size is relative to (double it for 200% text). Elder mode
   * draws at 1.25× this. @default '16px'; on WeChat '1em' (the page's size, which follows WeChat's font
   * setting through `<page-meta page-font-size="system">`)
   */
  fontSize?: string;
}

/** Each theme key's CSS variable and default: typed over every key, so a new key without a variable fails to compile. */
const VARIABLES: Record<keyof FaceVerifyTheme, readonly [name: string, fallback: string]> = {
  colorPrimary: ['--fv-color-primary', '#067d3f'],
  colorPrimarySoft: ['--fv-color-primary-soft', 'rgba(6, 125, 63, 0.1)'],
  colorOnPrimary: ['--fv-color-on-primary', '#ffffff'],
  colorDanger: ['--fv-color-danger', '#c5221f'],
  colorDangerSoft: ['--fv-color-danger-soft', '#fdecea'],
  colorWarning: ['--fv-color-warning', '#a35a00'],
  colorWarningSoft: ['--fv-color-warning-soft', '#fff5e5'],
  colorNeutral: ['--fv-color-neutral', '#8a8f98'],
  colorText: ['--fv-color-text', '#1d1d1f'],
  colorTextSecondary: ['--fv-color-text-secondary', '#5c6066'],
  colorPlaceholder: ['--fv-color-placeholder', '#6b7078'],
  colorBorder: ['--fv-color-border', '#dcdfe4'],
  colorFieldBorder: ['--fv-color-field-border', '#767b84'],
  colorSurface: ['--fv-color-surface', '#ffffff'],
  colorBackground: ['--fv-color-background', '#f5f6f8'],
  colorShadow: ['--fv-color-shadow', 'rgba(16, 24, 40, 0.06)'],
  colorPreview: ['--fv-color-preview', '#fff8e1'],
  colorPreviewBorder: ['--fv-color-preview-border', '#e0c36a'],
  colorPreviewText: ['--fv-color-preview-text', '#5c4400'],
  colorCameraPlaceholder: ['--fv-color-camera-placeholder', '#c9ced6'],
  radius: ['--fv-radius', '12px'],
  fontSize: ['--fv-font-size', process.env.TARO_ENV === 'weapp' ? '1em' : '16px'],
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
  fieldBorder: themed('colorFieldBorder'),
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

/** Text sizes that elder mode raises: set on the root, read by every style and by the preview. */
export const size = {
  small: 'var(--fv-size-small, 0.8125em)',
  body: 'var(--fv-size-body, 0.9375em)',
  title: 'var(--fv-size-title, 1.5em)',
};

// Not rem: Taro's H5 runtime sets the root font size from the screen width (20-40px), and a
// mini-program's rem is a twentieth of the screen width; neither is the reader's text size.
// Elder mode (适老化): 1.25x the root (20px by default), no text under 1em of it (18px+), a 32px title, and
// line heights of at least 1.3 (every style below uses 1.3 or more).
export const rootStyle = (elderly = false): CSSProperties => ({
  minHeight: '100vh',
  boxSizing: 'border-box',
  background: color.background,
  color: color.text,
  fontSize: elderly ? `calc(${themed('fontSize')} * 1.25)` : themed('fontSize'),
  lineHeight: 1.6,
  fontFamily:
    '-apple-system, BlinkMacSystemFont, "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Helvetica Neue", "WenQuanYi Micro Hei", sans-serif',
  ...(elderly ? ({ '--fv-size-small': '1em', '--fv-size-body': '1em', '--fv-size-title': '1.6em' } as CSSProperties) : {}),
});

/** Off screen but read by screen readers (the live regions). */
export const visuallyHidden: CSSProperties = {
  position: 'absolute',
  width: '1px',
  height: '1px',
  margin: '-1px',
  padding: 0,
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
  border: 0,
};

/** The focus ring: the primary colour (3:1 or more against the page), outside the control. */
export const focusRing = `0 0 0 0.1875em ${color.surface}, 0 0 0 0.375em ${color.primary}`;

/**
 * H5 only: a visible focus ring on every control that takes keyboard focus (Taro renders buttons as custom
 * elements, which inline styles cannot give a :focus-visible state).
 */
export const focusCss = (scope: string) =>
  `${scope} [role="button"]:focus-visible, ${scope} [tabindex="-1"]:focus-visible, ${scope} button:focus-visible, ${scope} select:focus-visible, ${scope} summary:focus-visible { outline: 0.1875em solid ${color.primary}; outline-offset: 0.1875em; }` +
  ` ${scope} input:focus, ${scope} input:focus-visible { outline: none; }`;

export const styles = {
  // Side paddings shrink on a narrow screen (320 px, or 200% zoom), so the text keeps the width.
  container: { maxWidth: '36em', margin: '0 auto', padding: '1.5em min(1.25em, 4vw) 2.5em', boxSizing: 'border-box' },
  title: { display: 'block', fontSize: size.title, fontWeight: 600, lineHeight: 1.3, letterSpacing: '0.01em', margin: 0 },
  description: { display: 'block', marginTop: '0.5em', color: color.muted, fontSize: size.body },
  card: {
    marginTop: '1.25em',
    padding: '1.5em min(1.25em, 4vw)',
    background: color.surface,
    borderRadius: radius,
    boxShadow: `0 1px 3px ${color.shadow}`,
    boxSizing: 'border-box',
  },
  center: { display: 'flex', flexDirection: 'column', alignItems: 'center', textAlign: 'center' },
  heading: { display: 'block', fontSize: '1.1875em', fontWeight: 600, lineHeight: 1.4, margin: 0 },
  body: { display: 'block', marginTop: '0.5em', color: color.muted, fontSize: size.body },
  small: { display: 'block', color: color.muted, fontSize: size.small, lineHeight: 1.6 },
  label: { display: 'block', marginBottom: '0.5em', fontSize: size.body, fontWeight: 500 },
  // The whole box is the field's tap target (it focuses the input); invalid shows in the border and, with
  // focus, the ring shows as well: the two never replace each other.
  field: (state: { invalid: boolean; focused: boolean }): CSSProperties => ({
    display: 'flex',
    alignItems: 'center',
    minHeight: '3em',
    padding: '0.5em min(0.875em, 3vw)',
    boxSizing: 'border-box',
    background: color.surface,
    borderRadius: smallRadius,
    // The input's text scales with the box (cqw) where 18 digits would not fit at the page's size.
    containerType: 'inline-size',
    border: state.invalid ? `0.125em solid ${color.danger}` : `1px solid ${color.fieldBorder}`,
    boxShadow: state.focused ? focusRing : 'none',
    cursor: 'text',
  }),
  input: {
    flex: 1,
    width: '100%',
    minWidth: 0,
    minHeight: '1.5em',
    // At most the page's size; less only where 18 digits would not fit the box (200% zoom, 320 px).
    fontSize: 'min(1.0625em, 9cqw)',
    color: color.text,
    background: 'transparent',
  },
  fieldError: { display: 'block', marginTop: '0.375em', color: color.danger, fontSize: size.body, lineHeight: 1.5 },
  banner: (tone: 'danger' | 'warning' | 'info'): CSSProperties => ({
    display: 'block',
    padding: '0.75em 0.875em',
    borderRadius: smallRadius,
    background: tone === 'danger' ? color.dangerSoft : tone === 'warning' ? color.warningSoft : color.primarySoft,
    color: tone === 'danger' ? color.danger : tone === 'warning' ? color.warning : color.text,
    fontSize: size.body,
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
