/** The page's words where they name the platform, as they read on Tencent Cloud FaceID's H5 route. */
import type { LocaleMessages } from '../../locales';

/** The table with the capture, consent and privacy words of `page.tencent` (the capture leaves for Tencent's page). */
export function withTencentWording(table: LocaleMessages): LocaleMessages {
  const { page } = table;
  const { tencent } = page;
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
