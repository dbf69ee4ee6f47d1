/**
 * The page without any preview state: the grouped props in, the words by context, one FlowView per flow. The
 * H5 preview (react/preview/PreviewPage.tsx) wraps it and supplies the mock driver, a bar and an overlay.
 */
import { PageMeta } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useMemo, useState, type ReactNode } from 'react';
import { createDefaultDriver, type FaceVerifyConfig } from '../../defaults';
import type { FaceDriver } from '../../core/ports';
import { messagesFor } from '../../locales';
import { carriedByName, isShippedName } from '../../locales/list';
import { FlowView } from './FlowView';
import { platformPrefersLargeText } from './largeText';
import type { GroupedPageProps } from './props';
import { WordsProvider } from './words';

export interface PageViewProps extends GroupedPageProps {
  /** Rendered above the page's content (the preview bar). */
  header?: ReactNode;
  /** Rendered after it (the preview's simulated capture). */
  overlay?: ReactNode;
}

let warnedQueryLocale = false;
/**
 * The `locale` query parameter's table when this build carries that name (H5: every shipped locale;
 * mini-programs: Chinese). A shipped language the build does not carry leaves the page in its own language
 * (`ui.locale`, else Chinese), with one warning that says how to carry it.
 */
const queryLocale = (value: unknown) => {
  if (typeof value !== 'string') return undefined;
  const table = carriedByName(value);
  if (!table && isShippedName(value) && !warnedQueryLocale) {
    warnedQueryLocale = true;
    console.warn(
      "taro-face-verify: the page's locale query parameter names a language this mini-program build does not carry by name; pass its table as ui.locale (the kit's `en` export).",
    );
  }
  return table ?? undefined;
};

/** Elder mode as the `elderly` query parameter sets it ('1' on, '0' off), if it does. */
export const queryElderly = (value: unknown): boolean | undefined => (value === '1' ? true : value === '0' ? false : undefined);

let flowCounter = 0;
const flowIds = new WeakMap<object, number>();
/** A number per driver or store, so the flow view remounts (a new flow) when either changes. */
const flowIdOf = (owner: object) => {
  let id = flowIds.get(owner);
  if (id === undefined) flowIds.set(owner, (id = ++flowCounter));
  return id;
};

export function PageView({ flow, store, ui, callbacks, header, overlay }: PageViewProps) {
  const { params } = useRouter();
  const [largeText] = useState(platformPrefersLargeText);
  const elderly = ui.elderly ?? queryElderly(params.elderly) ?? largeText;
  const table = messagesFor(ui.locale ?? queryLocale(params.locale));
  const driver = useMemo<FaceDriver | undefined>(() => (store ? undefined : (flow.driver ?? createDefaultDriver())), [store, flow.driver]);
  const options: FaceVerifyConfig = { ...flow, ...(driver ? { driver } : {}), locale: table };
  // The page's words that name the platform, as its driver words them (Alipay's 支付宝身份验证, Tencent's page);
  // WeChat's are the table's own. A store's driver is not known here.
  const pageTable = useMemo(() => driver?.wording?.(table) ?? table, [driver, table]);

  return (
    <>
      {/* WeChat: the page's text follows the user's WeChat font setting (the root size is 1em there). */}
      {process.env.TARO_ENV === 'weapp' ? <PageMeta pageFontSize="system" /> : null}
      <WordsProvider table={pageTable}>
        <FlowView
          key={`${flowIdOf(store ?? (driver as FaceDriver))}:${table.locale}`}
          store={store}
          options={options}
          collectIdentity={ui.collectIdentity ?? flow.ticketEndpoint === undefined}
          title={ui.title}
          description={ui.description}
          theme={ui.theme}
          className={ui.className}
          style={ui.style}
          callbacks={callbacks}
          header={header}
          overlay={overlay}
          elderly={elderly}
        />
      </WordsProvider>
    </>
  );
}
