/**
 * The preview bar (H5 only, never in a mini-program bundle: the page renders it behind a
 * `process.env.TARO_ENV === 'h5'` check): says plainly that this is a simulation, and lets a developer
 * switch the simulated platform (WeChat, Alipay, Tencent Cloud), the mock scenario and the language; its panel shows the
 * flow's event stream.
 */
import { Text, View } from '@tarojs/components';
import {
  isPreviewPlatformName,
  PREVIEW_PLATFORMS,
  previewPlatform,
  previewScenarioLabel,
  type PreviewPlatformName,
} from '../../drivers/mock/preview-platforms';
import { LOCALES, type LocaleName } from '../../locales';
import { color, size } from '../page/theme';
import { useWords } from '../page/words';
import type { PreviewEventLog } from './eventLog';
import { EventPanel } from './EventPanel';
import { usePreviewWords } from './usePreviewWords';

export interface PreviewBarProps {
  /** The simulated platform; null when the app passed its own driver: nothing to switch. */
  platform: PreviewPlatformName | null;
  onPlatform: (platform: PreviewPlatformName) => void;
  /** null when the app passed its own driver: nothing to switch. */
  scenario: string | null;
  onScenario: (scenario: string) => void;
  onLocale: (locale: LocaleName) => void;
  /** Elder mode (the `elderly=1` query parameter's switch). */
  elderly: boolean;
  onElderly: (elderly: boolean) => void;
  /** The flow's events, for the collapsible panel; null when the page does not make the flow (nothing to show). */
  events: PreviewEventLog | null;
}

const control = {
  font: 'inherit',
  fontSize: '1em',
  minHeight: '2.25em',
  padding: '0.25em 0.5em',
  border: `1px solid ${color.previewBorder}`,
  borderRadius: '0.5em',
  background: color.surface,
  color: color.previewText,
};

export function PreviewBar({ platform, onPlatform, scenario, onScenario, onLocale, elderly, onElderly, events }: PreviewBarProps) {
  const table = useWords();
  const words = usePreviewWords().bar;
  // The switch offers the next shipped locale, named in its own language (a reader of that language finds it).
  const here = LOCALES.findIndex((locale) => locale.locale === table.locale);
  const next = LOCALES[(here + 1) % LOCALES.length] ?? LOCALES[0];
  const nextWords = next.preview?.bar;
  // Elder mode: the bar's controls are 60 px targets too.
  const controlHeight = elderly ? { minHeight: '3em', minWidth: '3em' } : {};
  return (
    <View
      id="fv-preview-bar"
      aria-label={words.toolbar}
      style={{
        padding: '0.5em 1.25em 0.625em',
        background: color.preview,
        borderBottom: `1px solid ${color.previewBorder}`,
        color: color.previewText,
        fontSize: elderly ? size.small : '0.875em',
      }}
    >
      <View style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', justifyContent: 'space-between' }}>
        <Text style={{ fontWeight: 600, padding: '0.25em 0.5em 0.25em 0' }}>{words.badge}</Text>
        <button
          id="fv-preview-locale"
          type="button"
          lang={next.locale}
          aria-label={nextWords?.switchTo}
          onClick={() => onLocale(next.locale)}
          style={{ ...control, minHeight: '2em', cursor: 'pointer', ...controlHeight }}
        >
          {nextWords?.languageName}
        </button>
      </View>
      <label style={{ display: 'flex', alignItems: 'center', marginTop: '0.375em', cursor: 'pointer', ...controlHeight }}>
        <input
          id="fv-preview-elderly"
          type="checkbox"
          checked={elderly}
          onChange={(event) => onElderly(event.target.checked)}
          style={{ width: '1.25em', height: '1.25em', margin: '0 0.5em 0 0', accentColor: color.previewText }}
        />
        {words.elderly}
      </label>
      {platform ? (
        <select
          id="fv-preview-platform"
          aria-label={words.platform}
          value={platform}
          onChange={(event) => onPlatform(isPreviewPlatformName(event.target.value) ? event.target.value : 'wechat')}
          style={{ ...control, display: 'block', width: '100%', marginTop: '0.375em', ...controlHeight }}
        >
          {PREVIEW_PLATFORMS.map(({ name: value, label }) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      ) : null}
      {scenario ? (
        <select
          id="fv-preview-scenario"
          aria-label={words.scenario}
          value={scenario}
          onChange={(event) => onScenario(event.target.value)}
          style={{ ...control, display: 'block', width: '100%', marginTop: '0.375em', ...controlHeight }}
        >
          {previewPlatform(platform ?? undefined).scenarios.map((name) => (
            <option key={name} value={name}>
              {previewScenarioLabel(previewPlatform(platform ?? undefined), name, table)}
            </option>
          ))}
        </select>
      ) : null}
      {events ? <EventPanel log={events} elderly={elderly} /> : null}
    </View>
  );
}
