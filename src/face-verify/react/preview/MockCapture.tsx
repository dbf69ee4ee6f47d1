/**
 * The preview's stand-in for WeChat's own capture screen (H5 only; the page renders it behind a
 * `process.env.TARO_ENV === 'h5'` check so mini-program bundles drop it): the digits to read with a
 * countdown, or the colour sequence of the screen flash, the front camera in the circle where the browser
 * allows it, and a cancel button that ends the simulated capture as WeChat's cancel would.
 */
import { Text, View } from '@tarojs/components';
import { useEffect, useRef, useState, type CSSProperties } from 'react';
import type { MockCaptureSession } from '../../drivers/mock/driver';
import { ActionButton, focusSoon } from '../page/parts';
import { color, size } from '../page/theme';
import { usePreviewWords } from './usePreviewWords';
import { useFrontCamera, type FrontCamera } from './useFrontCamera';

/** Date.now(), refreshed every `ms` while mounted. */
function useNow(ms: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(timer);
  }, [ms]);
  return now;
}

function CameraCircle({ camera }: { camera: FrontCamera }) {
  const video = useRef<HTMLVideoElement | null>(null);
  useEffect(() => {
    if (video.current && camera.status === 'live') video.current.srcObject = camera.stream;
  }, [camera]);
  const fill: CSSProperties = { position: 'absolute', inset: 0, width: '100%', height: '100%' };
  return (
    <View
      data-camera={camera.status}
      data-camera-reason={camera.status === 'unavailable' ? camera.reason : undefined}
      style={{ position: 'relative', width: '100%', height: '100%', borderRadius: '50%', overflow: 'hidden', background: color.background }}
    >
      {camera.status === 'live' ? (
        <video ref={video} autoPlay muted playsInline aria-hidden="true" style={{ ...fill, objectFit: 'cover', transform: 'scaleX(-1)' }} />
      ) : (
        <View
          aria-hidden="true"
          style={{ ...fill, display: 'flex', flexDirection: 'column', alignItems: 'center', justifyContent: 'flex-end' }}
        >
          <View style={{ width: '38%', height: '38%', borderRadius: '50%', background: color.cameraPlaceholder, marginBottom: '4%' }} />
          <View style={{ width: '76%', height: '30%', borderRadius: '50% 50% 0 0', background: color.cameraPlaceholder }} />
        </View>
      )}
    </View>
  );
}

/**
 * A modal dialog's focus: moved into it when it opens, kept inside while it is open (Tab cycles within; a
 * focus that lands behind it comes back), given back to the page when it closes.
 */
function useModalFocus(id: string, firstId: string) {
  useEffect(() => {
    const dialog = document.getElementById(id);
    const first = () => document.getElementById(firstId);
    const before = document.activeElement as HTMLElement | null;
    focusSoon(first);
    const focusables = () =>
      Array.from(dialog?.querySelectorAll<HTMLElement>('[tabindex="0"], button, [href], input, select') ?? []).filter(
        (node) => !node.hasAttribute('disabled'),
      );
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Tab') return;
      const nodes = focusables();
      const index = nodes.indexOf(document.activeElement as HTMLElement);
      const next = nodes[(index + (event.shiftKey ? -1 : 1) + nodes.length) % nodes.length];
      event.preventDefault();
      next?.focus();
    };
    const onFocusIn = (event: FocusEvent) => {
      if (dialog && event.target instanceof Node && !dialog.contains(event.target)) focusSoon(first);
    };
    document.addEventListener('keydown', onKeyDown, true);
    document.addEventListener('focusin', onFocusIn);
    return () => {
      document.removeEventListener('keydown', onKeyDown, true);
      document.removeEventListener('focusin', onFocusIn);
      if (before?.isConnected && document.activeElement === document.body) before.focus();
    };
  }, [id, firstId]);
}

export function MockCapture({ session }: { session: MockCaptureSession }) {
  useModalFocus('fv-capture', 'fv-cancel');
  const words = usePreviewWords().capture;
  const now = useNow(200);
  const camera = useFrontCamera();
  const duration = Math.max(session.durationMs, 1);
  const elapsed = Math.min(Math.max(now - session.startedAt, 0), duration);
  const remaining = Math.ceil((duration - elapsed) / 1000);
  const progress = Math.round((elapsed / duration) * 100);
  const flashing = session.mode === 'screen-flash';
  const flashIndex = Math.min(session.colors.length - 1, Math.floor(elapsed / (duration / Math.max(session.colors.length, 1))));
  // The flash colours are the capture's data (what WeChat flashes), not the page's theme.
  const flashColor = flashing ? (session.colors[flashIndex] ?? color.surface) : color.surface;
  const caption = camera.status === 'pending' ? words.pending : words.noCamera;

  return (
    <View
      id="fv-capture"
      data-mode={session.mode}
      data-flash-color={flashing ? flashColor : undefined}
      // A modal dialog named by its instruction; the countdown ticks outside any live region (it would
      // interrupt every second), and the page behind is out of reach while it is open.
      role="dialog"
      aria-modal="true"
      aria-label={words.dialog}
      aria-describedby="fv-capture-instruction"
      style={{
        position: 'fixed',
        inset: 0,
        zIndex: 1000,
        overflowY: 'auto',
        background: flashColor,
        transition: 'background-color 0.25s ease',
        display: 'flex',
        flexDirection: 'column',
        alignItems: 'center',
        padding: '1.25em 1.25em 2em',
        boxSizing: 'border-box',
        color: color.text,
      }}
    >
      <Text
        style={{
          padding: '0.25em 0.75em',
          borderRadius: '1em',
          background: color.preview,
          color: color.previewText,
          fontSize: size.small,
          fontWeight: 600,
        }}
      >
        {words.badge}
      </Text>
      <View
        style={{
          marginTop: '1.5em',
          padding: '0.5em 1em',
          borderRadius: '0.75em',
          background: color.surface,
          textAlign: 'center',
        }}
      >
        <Text id="fv-capture-instruction" style={{ display: 'block', fontSize: '1.25em', fontWeight: 600 }}>
          {flashing ? words.screenFlash : words.readNumber}
        </Text>
        <Text style={{ display: 'block', marginTop: '0.25em', color: color.muted, fontSize: '0.9375em' }}>{words.position}</Text>
      </View>
      <View
        style={{
          marginTop: '1.5em',
          width: 'min(16em, 72vw)',
          height: 'min(16em, 72vw)',
          flex: 'none',
          aspectRatio: '1',
          padding: '0.375em',
          borderRadius: '50%',
          boxSizing: 'border-box',
          background: `conic-gradient(${color.primary} ${progress}%, ${color.border} 0)`,
        }}
      >
        <CameraCircle camera={camera} />
      </View>
      {camera.status !== 'live' ? (
        // On its own surface: the flash colours behind it are the capture's, and grey on yellow reads poorly.
        <Text
          style={{
            marginTop: '0.75em',
            padding: '0.125em 0.75em',
            borderRadius: '1em',
            background: color.surface,
            color: color.muted,
            fontSize: size.small,
          }}
        >
          {caption}
        </Text>
      ) : null}
      {flashing ? null : (
        <Text
          id="fv-digits"
          aria-label={words.digitsLabel(session.digits)}
          style={{
            marginTop: '1em',
            fontSize: 'min(2.5em, 13vw)',
            fontWeight: 600,
            letterSpacing: '0.35em',
            fontVariantNumeric: 'tabular-nums',
          }}
        >
          {session.digits}
        </Text>
      )}
      <Text
        id="fv-countdown"
        style={{
          marginTop: '0.5em',
          padding: '0.125em 0.75em',
          borderRadius: '1em',
          background: color.surface,
          fontSize: '0.9375em',
        }}
      >
        {words.remaining(remaining)}
      </Text>
      <View style={{ width: '100%', maxWidth: '20em', marginTop: 'auto', paddingTop: '1.5em' }}>
        <ActionButton id="fv-cancel" kind="secondary" label={words.cancel} onPress={() => session.cancel()} />
      </View>
    </View>
  );
}
