/**
 * `@tarojs/components` for Jest (the light approach): plain DOM elements that forward what the page relies
 * on — id, className, style, data-* / aria-* and other attributes, onClick, and Taro's input events with
 * `e.detail.value`. Taro-only props (`type`, `plain`, `maxlength`, `nativeProps`, …) are kept off the DOM,
 * except `nativeProps`, which Taro's H5 Input spreads onto its inner `<input>` as this one does.
 */
import React from 'react';

type AnyProps = Record<string, unknown> & { children?: React.ReactNode };

/** Props that are not DOM attributes: everything but these passes through. */
const TARO_ONLY = new Set([
  'type',
  'plain',
  'size',
  'loading',
  'formType',
  'openType',
  'hoverClass',
  'hoverStartTime',
  'hoverStayTime',
  'maxlength',
  'maxLength',
  'confirmType',
  'password',
  'placeholderStyle',
  'placeholderClass',
  'cursorSpacing',
  'adjustPosition',
  'holdKeyboard',
  'focus',
  'nativeProps',
  'onInput',
  'onBlur',
  'onFocus',
  'onConfirm',
  'selectable',
  'userSelect',
  'space',
  'decode',
  'catchMove',
  'hidden',
  'ariaLabel',
]);

function domProps(props: AnyProps): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(props)) {
    if (key !== 'children' && !TARO_ONLY.has(key)) out[key] = value;
  }
  if (props.hidden) out.hidden = true;
  // WeChat's `aria-role` means what `role` means on the web.
  if (typeof out['aria-role'] === 'string') {
    out.role = out['aria-role'];
    delete out['aria-role'];
  }
  return out;
}

/** Taro events carry their payload in `detail`. */
const taroEvent = (event: React.SyntheticEvent<HTMLInputElement>, detail: Record<string, unknown>) => ({
  type: event.type,
  target: event.target,
  currentTarget: event.currentTarget,
  detail,
  stopPropagation: () => event.stopPropagation(),
  preventDefault: () => event.preventDefault(),
});

export function View(props: AnyProps) {
  return <div {...domProps(props)}>{props.children}</div>;
}

export function Text(props: AnyProps) {
  return <span {...domProps(props)}>{props.children}</span>;
}

export function Button(props: AnyProps) {
  return (
    <button type="button" data-taro-type={props.type as string | undefined} {...domProps(props)} disabled={Boolean(props.disabled)}>
      {props.children}
    </button>
  );
}

type Handler = (event: unknown) => void;

export function Input(props: AnyProps) {
  const onInput = props.onInput as Handler | undefined;
  const onBlur = props.onBlur as Handler | undefined;
  const onFocus = props.onFocus as Handler | undefined;
  const native = (props.nativeProps ?? {}) as Record<string, unknown>;
  const maxLength = (props.maxlength ?? props.maxLength) as number | undefined;
  // Like Taro H5: id, data-* and aria-* sit on the wrapper; the real <input> inside gets the value and nativeProps
  // (and aria-label, which names the input itself on WeChat).
  return (
    <div {...domProps({ ...props, value: undefined, placeholder: undefined, disabled: undefined, 'aria-label': undefined })}>
      <input
        aria-label={props['aria-label'] as string | undefined}
        {...native}
        type="text"
        disabled={Boolean(props.disabled)}
        maxLength={maxLength}
        placeholder={props.placeholder as string | undefined}
        value={(props.value as string | undefined) ?? ''}
        onChange={(event) => onInput?.(taroEvent(event, { value: event.target.value, cursor: event.target.value.length }))}
        onBlur={(event) => onBlur?.(taroEvent(event, { value: event.target.value }))}
        onFocus={(event) => onFocus?.(taroEvent(event, { value: event.target.value }))}
      />
    </div>
  );
}

export function Image(props: AnyProps) {
  return <img alt="" {...domProps(props)} src={props.src as string | undefined} />;
}

export function ScrollView(props: AnyProps) {
  return <div {...domProps(props)}>{props.children}</div>;
}

export function Label(props: AnyProps) {
  return <label {...domProps(props)}>{props.children}</label>;
}

export function Navigator(props: AnyProps) {
  return (
    <a {...domProps(props)} href={props.url as string | undefined}>
      {props.children}
    </a>
  );
}

/** WeChat's `<page-meta>`: renders nothing on the page; its attributes are kept for tests to read. */
export function PageMeta(props: AnyProps) {
  return <meta data-page-meta="" data-page-font-size={props.pageFontSize as string | undefined} />;
}
