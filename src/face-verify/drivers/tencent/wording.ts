/** The page's words where they name the platform, as they read on Tencent Cloud FaceID's H5 route. */
import { platformWordsFor } from '../../core/errors';
import type { LocaleMessages } from '../../locales';
import { TENCENT_PAGE_WORDS } from './words';

/** The table with Tencent's capture, consent and privacy words (the capture leaves for Tencent's page). */
export function withTencentWording(table: LocaleMessages): LocaleMessages {
  const { page } = table;
  const tencent = platformWordsFor(TENCENT_PAGE_WORDS, table);
  return {
    ...table,
    page: {
      ...page,
      form: { ...page.form, consent: tencent.consent },
      capture: { ...page.capture, wechat: tencent.capture, wechatDetail: tencent.captureDetail },
      privacy: tencent.privacy,
    },
  };
}
