/**
 * The prebuilt verification page: support check, identity form (or ticket start), capture, submission and
 * result, on any Taro platform. It takes `flow` options (or a ready `store`), `ui`, `callbacks` and, for the
 * H5 preview, `preview`; the device comes from `createDefaultDriver` (WeChat on mini-programs), and in H5 the
 * preview wrapper (react/preview/PreviewPage.tsx) supplies the mock.
 */
import { PreviewPage } from '../preview/PreviewPage';
import { PageView } from './PageView';
import { groupPageProps, type FaceVerifyPageProps } from './props';

export type { FaceVerifyTheme } from './theme';
export type { FaceVerifyCallbacks } from './FlowView';
export type { FaceVerifyPageFlatProps, FaceVerifyPageFlowOptions, FaceVerifyPageProps, FaceVerifyPageUi } from './props';
export type { FaceVerifyPreview, PreviewPlatform } from '../preview/previewDriver';

/**
 * The verification page. Mount it in a page of your app:
 * @example
 * // src/pages/verify/index.tsx
 * import { FaceVerifyPage } from 'taro-face-verify';
 * export default () => (
 *   <FaceVerifyPage flow={{ endpoint: 'https://api.example.com/face/verify' }} callbacks={{ onDone: () => Taro.navigateBack() }} />
 * );
 */
export function FaceVerifyPage(props: FaceVerifyPageProps) {
  const grouped = groupPageProps(props);
  // Written out so a mini-program build folds it and drops the preview (only H5 runs the mock).
  if (process.env.TARO_ENV === 'h5') return <PreviewPage {...grouped} />;
  return <PageView {...grouped} />;
}
