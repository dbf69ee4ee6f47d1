/**
 * The simulated capture screen while a mock driver captures (H5 only; the page renders it behind a
 * `process.env.TARO_ENV === 'h5'` check). Nothing on a real driver.
 */
import { useSyncExternalStore } from 'react';
import type { FaceDriver } from '../../core/ports';
import type { MockCaptureSession, MockDriver } from '../../drivers/mock/driver';
import { MockCapture } from './MockCapture';

const NO_CAPTURES = { subscribe: () => () => undefined, getSnapshot: (): MockCaptureSession | null => null };

/** The simulated capture under way on a mock driver; always null on a real one. */
function useCaptureSession(driver: FaceDriver): MockCaptureSession | null {
  const source = driver.mock && 'captures' in driver ? (driver as MockDriver).captures : NO_CAPTURES;
  return useSyncExternalStore(source.subscribe, source.getSnapshot, source.getSnapshot);
}

/** Shows WeChat's capture screen as the preview simulates it, while the mock driver captures. */
export function PreviewCapture({ driver }: { driver: FaceDriver }) {
  const session = useCaptureSession(driver);
  return session ? <MockCapture session={session} /> : null;
}
