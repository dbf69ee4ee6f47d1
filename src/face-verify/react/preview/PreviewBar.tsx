/**
 * The preview bar (H5 only, never in a mini-program bundle: the page renders it behind a
 * `process.env.TARO_ENV === 'h5'` check): says plainly that this is a simulation, and lets a developer
 * switch the mock scenario and the language.
 */
import { Text, View } from '@tarojs/components';
import { MOCK_SCENARIO_NAMES, type MockScenarioName } from '../../drivers/mock/scenarios';
import { LOCALES, type LocaleName } from '../../locales';
import { color } from '../page/theme';
import { useWords } from '../page/words';
import { usePreviewWords } from './usePreviewWords';

export interface PreviewBarProps {
  /** null when the app passed its own driver: nothing to switch. */
  scenario: MockScenarioName | null;
  onScenario: (scenario: MockScenarioName) => void;
  onLocale: (locale: LocaleName) => void;
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

export function PreviewBar({ scenario, onScenario, onLocale }: PreviewBarProps) {
  const table = useWords();
  const words = usePreviewWords().bar;
  // The switch offers the next shipped locale, named in its own language (a reader of that language finds it).
  const here = LOCALES.findIndex((locale) => locale.locale === table.locale);
  const next = LOCALES[(here + 1) % LOCALES.length] ?? LOCALES[0];
  const nextWords = next.preview?.bar;
  const labels = table.scenarios;
  return (
    <View
      id="fv-preview-bar"
      aria-label={words.toolbar}
      style={{
        padding: '0.5em 1.25em 0.625em',
        background: color.preview,
        borderBottom: `1px solid ${color.previewBorder}`,
        color: color.previewText,
        fontSize: '0.875em',
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
          style={{ ...control, minHeight: '2em', cursor: 'pointer' }}
        >
          {nextWords?.languageName}
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
              {labels?.[name] ?? name}
            </option>
          ))}
        </select>
      ) : null}
    </View>
  );
}
