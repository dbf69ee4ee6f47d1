/** The preview's words for the page's locale (H5 only: see `LocaleMessages.preview`). */
import type { PreviewMessages } from '../../locales';
import { useWords } from '../page/words';

/** The preview namespace of the page's table. A mini-program build has none, and never renders the preview. */
export function usePreviewWords(): PreviewMessages {
  const words = useWords().preview;
  if (!words) throw new Error('[taro-face-verify] the preview’s words exist only in H5 builds (process.env.TARO_ENV === "h5")');
  return words;
}
