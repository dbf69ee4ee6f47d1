/**
 * The front camera for the preview's capture circle (H5 only). Where the browser has no camera, or the
 * user or the page's origin denies it, the preview shows a placeholder: the reason is kept in the state
 * (and on the circle as `data-camera-reason`), never raised as an error. Tracks stop on unmount.
 */
import { useEffect, useState } from 'react';

export type FrontCamera = { status: 'pending' } | { status: 'live'; stream: MediaStream } | { status: 'unavailable'; reason: string };

const mediaDevices = (): MediaDevices | undefined =>
  typeof navigator !== 'undefined' && navigator.mediaDevices && typeof navigator.mediaDevices.getUserMedia === 'function'
    ? navigator.mediaDevices
    : undefined;

const stop = (stream: MediaStream) => stream.getTracks().forEach((track) => track.stop());

export function useFrontCamera(): FrontCamera {
  const [camera, setCamera] = useState<FrontCamera>(() =>
    mediaDevices() ? { status: 'pending' } : { status: 'unavailable', reason: 'no-media-devices' },
  );

  useEffect(() => {
    const devices = mediaDevices();
    if (!devices) return undefined;
    let unmounted = false;
    let stream: MediaStream | null = null;
    devices.getUserMedia({ video: { facingMode: 'user' }, audio: false }).then(
      (granted) => {
        if (unmounted) {
          stop(granted);
          return;
        }
        stream = granted;
        setCamera({ status: 'live', stream: granted });
      },
      (error: unknown) => {
        // NotFoundError (no camera), NotAllowedError (denied), … : the placeholder stands in for the camera.
        if (!unmounted) setCamera({ status: 'unavailable', reason: error instanceof Error ? error.name : String(error) });
      },
    );
    return () => {
      unmounted = true;
      if (stream) stop(stream);
    };
  }, []);

  return camera;
}
