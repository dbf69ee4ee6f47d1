/**
 * The preview bar (H5 only, never in a mini-program bundle: the page renders it behind a
 * `process.env.TARO_ENV === 'h5'` check): says plainly that this is a simulation, and lets a developer
 * switch the mock scenario and the language.
 */
import { Text, View } from '@tarojs/components';
import type { Locale } from '../../core/types';
import { MOCK_SCENARIO_NAMES, MOCK_SCENARIOS, type MockScenarioName } from '../../drivers/mock/scenarios';

const WORDS = {
  'zh-CN': { badge: '预览模式 · 模拟数据', scenario: '模拟场景', other: 'English', otherLabel: 'Switch to English', toolbar: '预览工具' },
  en: { badge: 'Preview — simulated', scenario: 'Scenario', other: '中文', otherLabel: '切换到中文', toolbar: 'Preview tools' },
};

export interface PreviewBarProps {
  locale: Locale;
  /** null when the app passed its own driver: nothing to switch. */
  scenario: MockScenarioName | null;
  onScenario: (scenario: MockScenarioName) => void;
  onLocale: (locale: Locale) => void;
}

const control = {
  font: 'inherit',
  fontSize: '1em',
  minHeight: '2.25em',
  padding: '0.25em 0.5em',
  border: '1px solid #e0c36a',
  borderRadius: '0.5em',
  background: '#ffffff',
  color: '#3d2e00',
};

export function PreviewBar({ locale, scenario, onScenario, onLocale }: PreviewBarProps) {
  const words = WORDS[locale] ?? WORDS['zh-CN'];
  return (
    <View
      id="fv-preview-bar"
      aria-label={words.toolbar}
      style={{
        padding: '0.5em 1.25em 0.625em',
        background: '#fff8e1',
        borderBottom: '1px solid #f0d48a',
        color: '#5c4400',
        fontSize: '0.875em',
      }}
    >
      <View style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', justifyContent: 'space-between' }}>
        <Text style={{ fontWeight: 600, padding: '0.25em 0.5em 0.25em 0' }}>{words.badge}</Text>
        <button
          id="fv-preview-locale"
          type="button"
          lang={locale === 'en' ? 'zh-CN' : 'en'}
          aria-label={words.otherLabel}
          onClick={() => onLocale(locale === 'en' ? 'zh-CN' : 'en')}
          style={{ ...control, minHeight: '2em', cursor: 'pointer' }}
        >
          {words.other}
        </button>
      </View>
      {scenario ? (
        <select
          id="fv-preview-scenario"
          aria-label={words.scenario}
          value={scenario}
          onChange={(event) => onScenario(event.target.value as MockScenarioName)}
          style={{ ...control, display: 'block', width: '100%', marginTop: '0.375em' }}
        >
          {MOCK_SCENARIO_NAMES.map((name) => (
            <option key={name} value={name}>
              {MOCK_SCENARIOS[name].label[locale]}
            </option>
          ))}
        </select>
      ) : null}
    </View>
  );
}
