/** Small building blocks shared by the page's screens. */
import { Button, Text, View } from '@tarojs/components';
import { useEffect, useState, type CSSProperties, type ReactNode } from 'react';
import { color, size, smallRadius, styles } from './theme';

/**
 * A role for assistive technology: `aria-role` on WeChat (what its screen reader reads; Taro 4.2's weapp
 * templates carry it only with the app's config/weapp-a11y plugin), `role` elsewhere (a real DOM attribute in H5).
 */
export function roleProps(role: string): Record<string, string> {
  return process.env.TARO_ENV === 'weapp' ? { 'aria-role': role } : { role };
}

/**
 * Focuses an element and keeps it focused while Taro's components finish mounting (H5): a custom element's
 * first render can drop the focus to <body> a moment after React mounted it. For about a second, focus that
 * fell to <body> goes back; focus the user moved elsewhere stays where it is.
 */
export function focusSoon(find: () => HTMLElement | null | undefined, checks = 12) {
  const step = (left: number) => {
    const element = find();
    const active = document.activeElement;
    const lost = !active || active === document.body || !active.isConnected;
    if (element && active !== element && (left === checks || lost)) element.focus();
    if (left > 0) setTimeout(() => step(left - 1), 80);
  };
  step(checks);
}

/**
 * A screen's heading. In H5 it takes focus when its screen appears (tabIndex -1: focusable from script only),
 * so a screen-reader or keyboard user starts reading where the new screen starts.
 */
export function Heading({ level, id, style, children }: { level: 1 | 2; id?: string; style: CSSProperties; children: ReactNode }) {
  const focus = process.env.TARO_ENV === 'h5' ? { tabIndex: -1, 'data-fv-heading': String(level) } : {};
  return (
    <Text {...(id ? { id } : {})} style={style} aria-level={level} {...roleProps('heading')} {...focus}>
      {children}
    </Text>
  );
}

/**
 * H5 renders Taro's Button as a custom element: give it a button's role, a tab stop, and Enter / Space
 * activation there, as a native button has. Mini-programs have no keyboard focus: nothing to add.
 */
function keyboardButton(activate: () => void): Record<string, unknown> {
  if (process.env.TARO_ENV !== 'h5') return roleProps('button');
  return {
    role: 'button',
    tabIndex: 0,
    onKeyDown: (event: { key?: string; preventDefault?: () => void }) => {
      if (event.key !== 'Enter' && event.key !== ' ') return;
      event.preventDefault?.();
      activate();
    },
  };
}

export interface ActionButtonProps {
  id: string;
  label: string;
  onPress: () => void;
  kind?: 'primary' | 'secondary' | 'text';
  disabled?: boolean;
}

export function ActionButton({ id, label, onPress, kind = 'primary', disabled = false }: ActionButtonProps) {
  const style = disabled ? { ...styles.button(kind), opacity: 0.5 } : styles.button(kind);
  return (
    <Button
      id={id}
      plain
      hoverClass="none"
      disabled={disabled}
      aria-label={label}
      style={style}
      onClick={() => {
        if (!disabled) onPress();
      }}
      {...keyboardButton(() => {
        if (!disabled) onPress();
      })}
    >
      {label}
    </Button>
  );
}

/** Three dots that pulse in turn: progress without a stylesheet (one tiny re-render every 400 ms). */
export function ProgressDots() {
  const [lit, setLit] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setLit((n) => (n + 1) % 3), 400);
    return () => clearInterval(timer);
  }, []);
  return (
    <View aria-hidden="true" style={{ display: 'flex', justifyContent: 'center', margin: '0.5em 0 1em' }}>
      {[0, 1, 2].map((i) => (
        <View
          key={i}
          style={{
            width: '0.625em',
            height: '0.625em',
            margin: '0 0.3125em',
            borderRadius: '50%',
            background: color.primary,
            opacity: i === lit ? 1 : 0.25,
            transition: 'opacity 0.3s ease',
          }}
        />
      ))}
    </View>
  );
}

const ICONS = {
  success: { glyph: null, background: color.primary },
  failure: { glyph: '!', background: color.danger },
  warning: { glyph: '!', background: color.warning },
  cancelled: { glyph: '×', background: color.neutral },
} as const;

/** A drawn tick: fonts render "✓" very differently (some as a square-root sign). */
const tick = (
  <View
    style={{
      width: '0.75em',
      height: '1.5em',
      marginTop: '-0.3em',
      borderRight: `0.25em solid ${color.onPrimary}`,
      borderBottom: `0.25em solid ${color.onPrimary}`,
      transform: 'rotate(45deg)',
      boxSizing: 'border-box',
    }}
  />
);

export function StatusIcon({ tone }: { tone: keyof typeof ICONS }) {
  const icon = ICONS[tone];
  return (
    <View
      aria-hidden="true"
      data-icon={tone}
      style={{
        width: '3.5em',
        height: '3.5em',
        borderRadius: '50%',
        background: icon.background,
        color: color.onPrimary,
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'center',
        marginBottom: '1em',
      }}
    >
      {icon.glyph === null ? tick : <Text style={{ fontSize: '1.75em', fontWeight: 700, lineHeight: 1 }}>{icon.glyph}</Text>}
    </View>
  );
}

/** Where the user is: a four-part bar and "Step n of 4: name" (scales with the text, unlike a row of labels). */
export function StepBar({ steps, current, label }: { steps: readonly string[]; current: number; label: string }) {
  return (
    <View style={{ marginTop: '1.25em' }}>
      <View style={{ display: 'flex' }} aria-hidden="true">
        {steps.map((step, index) => (
          <View
            key={step}
            style={{
              flex: 1,
              height: '0.25em',
              marginRight: index < steps.length - 1 ? '0.375em' : '0',
              borderRadius: '0.125em',
              background: index <= current ? color.primary : color.border,
            }}
          />
        ))}
      </View>
      <Text style={{ ...styles.small, marginTop: '0.5em' }}>{label}</Text>
    </View>
  );
}

/** The masked identity under verification: enough to recognise, not enough to reuse. */
export function IdentitySummary({
  labels,
  name,
  idCardNumber,
}: {
  labels: { name: string; idCard: string };
  name: string;
  idCardNumber: string;
}) {
  const row: CSSProperties = {
    display: 'flex',
    justifyContent: 'space-between',
    alignItems: 'baseline',
    flexWrap: 'wrap',
    padding: '0.25em 0',
  };
  return (
    <View
      data-testid="fv-identity"
      style={{
        marginTop: '1.25em',
        padding: '0.5em 0.875em',
        borderRadius: smallRadius,
        background: color.background,
        fontSize: size.body,
        textAlign: 'left',
        width: '100%',
        boxSizing: 'border-box',
      }}
    >
      <View style={row}>
        <Text style={{ color: color.muted, marginRight: '1em' }}>{labels.name}</Text>
        <Text style={{ marginLeft: 'auto' }}>{name}</Text>
      </View>
      <View style={row}>
        <Text style={{ color: color.muted, marginRight: '1em' }}>{labels.idCard}</Text>
        {/* A Latin face first: some CJK fonts draw "*" full-width. */}
        <Text
          style={{
            marginLeft: 'auto',
            minWidth: 0,
            overflowWrap: 'anywhere',
            fontFamily: '"Helvetica Neue", Arial, "DejaVu Sans", sans-serif',
            fontVariantNumeric: 'tabular-nums',
          }}
        >
          {idCardNumber}
        </Text>
      </View>
    </View>
  );
}
