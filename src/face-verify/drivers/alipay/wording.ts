/** The page's words where they name the platform, as they read on Alipay (支付宝身份验证). */
import type { LocaleMessages } from '../../locales';
import { ALIPAY_PAGE_WORDS } from './words';

/** The table with the page's platform-naming words as they read on Alipay. */
export function withAlipayWording(table: LocaleMessages): LocaleMessages {
  const { page } = table;
  // A custom locale reads the English words.
  const alipay = table.locale === 'zh-CN' ? ALIPAY_PAGE_WORDS['zh-CN'] : ALIPAY_PAGE_WORDS.en;
  return {
    ...table,
    page: {
      ...page,
      title: alipay.title,
      unsupportedTitle: alipay.unsupportedTitle,
      actions: { ...page.actions, start: alipay.start },
      result: { ...page.result, ...alipay.result },
      probingDetail: alipay.probingDetail,
      form: { ...page.form, consent: alipay.consent },
      capture: { ...page.capture, wechat: alipay.capture },
      privacy: alipay.privacy,
    },
  };
}
