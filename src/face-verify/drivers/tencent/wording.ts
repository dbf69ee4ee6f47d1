/** The page's words where they name the platform, as they read on Tencent Cloud FaceID's H5 route. */
import type { LocaleMessages } from '../../locales';
import { TENCENT_PAGE_WORDS } from './words';

/** The table with Tencent's capture, consent and privacy words (the capture leaves for Tencent's page). */
export function withTencentWording(table: LocaleMessages): LocaleMessages {
  const { page } = table;
  // A custom locale reads the English words.
  const tencent = table.locale === 'zh-CN' ? TENCENT_PAGE_WORDS['zh-CN'] : TENCENT_PAGE_WORDS.en;
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
