/**
 * The H5 preview around the page (H5 only: FaceVerifyPage renders it behind a `process.env.TARO_ENV === 'h5'`
 * check, so no mini-program bundle carries it). It holds what the preview switches (platform, scenario,
 * language, elder mode), supplies the mock driver, and adds the bar, its event panel and the simulated capture.
 */
import { useRouter } from '@tarojs/taro';
import { useMemo, useRef, useState } from 'react';
import type { FaceVerifyEvent } from '../../core/events';
import type { FaceDriver } from '../../core/ports';
import type { LocaleName } from '../../locales';
import { PageView, queryElderly } from '../page/PageView';
import type { GroupedPageProps } from '../page/props';
import { createPreviewEventLog } from './eventLog';
import { PreviewBar } from './PreviewBar';
import { PreviewCapture } from './PreviewCapture';
import { choosePreviewDriver, previewPlatformOf, previewScenarioOf, type PreviewPlatform } from './previewDriver';

export function PreviewPage({ flow, store, ui, callbacks, preview }: GroupedPageProps) {
  const { params } = useRouter();
  const [chosenPlatform, setChosenPlatform] = useState<PreviewPlatform | null>(null);
  const [chosenScenario, setScenario] = useState<string | null>(null);
  const [chosenLocale, setLocale] = useState<LocaleName | null>(null);
  const [chosenElderly, setElderly] = useState<boolean | null>(null);
  const platform = chosenPlatform ?? preview.platform ?? previewPlatformOf(params.platform) ?? 'wechat';
  const scenario = previewScenarioOf(platform, [chosenScenario, preview.scenario, params.scenario]);
  const setPlatform = (next: PreviewPlatform) => {
    setChosenPlatform(next);
    setScenario(null);
  };
  const elderly = chosenElderly ?? ui.elderly ?? queryElderly(params.elderly) ?? false;
  const latencyMs = preview.timing?.latencyMs;
  const captureMs = preview.timing?.captureMs;

  // Read through a ref so an inline callback does not recreate the driver (and restart the flow).
  const latestPreview = useRef(preview);
  latestPreview.current = preview;
  const appDriver = flow.driver;
  const driver = useMemo<FaceDriver | undefined>(() => {
    if (store) return undefined;
    if (appDriver) return appDriver;
    const timing = Object.fromEntries(Object.entries({ latencyMs, captureMs }).filter(([, ms]) => ms !== undefined));
    return choosePreviewDriver({
      platform,
      scenario,
      timing,
      onV2Capture: (report) => void latestPreview.current.onV2Capture?.(report),
      onAlipayCapture: (report) => void latestPreview.current.onAlipayCapture?.(report),
    });
  }, [store, appDriver, platform, scenario, latencyMs, captureMs]);

  // The bar's event panel hears the flow's events too, when the page makes the flow.
  const [eventLog] = useState(createPreviewEventLog);
  const { onEvent } = flow;
  const logged = (event: FaceVerifyEvent) => {
    eventLog.push(event);
    onEvent?.(event);
  };
  const isPreview = store ? store.getState().preview : driver?.mock === true;
  const fixed = Boolean(appDriver || store);
  const header =
    isPreview && preview.bar !== false ? (
      <PreviewBar
        platform={fixed ? null : platform}
        onPlatform={setPlatform}
        scenario={fixed ? null : scenario}
        onScenario={setScenario}
        onLocale={setLocale}
        elderly={elderly}
        onElderly={setElderly}
        events={store ? null : eventLog}
      />
    ) : null;

  return (
    <PageView
      flow={store ? flow : { ...flow, ...(driver ? { driver } : {}), onEvent: logged }}
      store={store}
      ui={{ ...ui, elderly, ...(chosenLocale ? { locale: chosenLocale } : {}) }}
      callbacks={callbacks}
      preview={preview}
      header={header}
      overlay={driver?.mock ? <PreviewCapture driver={driver} /> : null}
    />
  );
}
